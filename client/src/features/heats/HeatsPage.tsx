import { MAIN_FLOOR } from '@ondeck/shared';
import { Loading } from '../../components/Loading.tsx';
import { useLive, useProgram } from '../../sync/hooks.ts';
import { HeatList } from './HeatList.tsx';

/** `/e/<id>/heats`: the heat list every role can follow (staff and dancers on phones). */
export default function HeatsPage() {
  const program = useProgram();
  const live = useLive();
  if (!program) return <Loading />;
  const current = live?.current.get(MAIN_FLOOR)?.number;
  return (
    <main className="screen">
      <h1>Heats</h1>
      <p className="lead" data-testid="current-heat">
        {current ? `Heat ${current} is on the floor` : 'No heat on the floor yet'}
      </p>
      <HeatList program={program} {...(current ? { current } : {})} />
    </main>
  );
}
