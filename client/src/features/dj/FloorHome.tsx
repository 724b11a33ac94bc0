import { currentOn, heatLabel, MAIN_FLOOR } from '@ondeck/shared';
import { Link } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { useLive, useProgram } from '../../sync/hooks.ts';
import { HeatList } from '../heats/HeatList.tsx';

/** `/e/<id>/floor`: the DJ's and emcee's home; heats are started on the emcee's heat page. */
export default function FloorHome() {
  const program = useProgram();
  const live = useLive();
  if (!program || !live) return <Loading />;
  const current = currentOn(live.current, MAIN_FLOOR)?.number;
  return (
    <main className="screen">
      <h1>Floor</h1>
      <p className="lead" data-testid="current-heat">
        {current ? `Heat ${heatLabel(current)} is on the floor` : 'No heat on the floor yet'}
      </p>
      <p>
        <Link className="button" href="/emcee">
          Emcee heat page: start heats
        </Link>
      </p>
      <HeatList program={program} {...(current ? { current: new Set([current]) } : {})} />
    </main>
  );
}
