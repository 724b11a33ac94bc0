import { MAIN_FLOOR } from '@ondeck/shared';
import { Loading } from '../../components/Loading.tsx';
import { useLive, useProgram } from '../../sync/hooks.ts';
import { useLiveControls } from '../../sync/mutations.ts';
import { HeatList } from '../heats/HeatList.tsx';

/** `/e/<id>/floor`: the DJ's and emcee's home — start heats; music comes in a later issue. */
export default function FloorHome() {
  const program = useProgram();
  const live = useLive();
  const controls = useLiveControls();
  if (!program || !live) return <Loading />;
  const current = live.current.get(MAIN_FLOOR)?.number;
  return (
    <main className="screen">
      <h1>Floor</h1>
      <p className="lead" data-testid="current-heat">
        {current ? `Heat ${current} is on the floor` : 'No heat on the floor yet'}
      </p>
      <HeatList
        program={program}
        {...(current ? { current } : {})}
        {...(controls ? { onStart: (number: number) => void controls.startHeat(number) } : {})}
      />
    </main>
  );
}
