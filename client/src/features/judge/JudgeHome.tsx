import { Route, Switch } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { useEventMembership } from '../../sync/hooks.ts';
import { HeatListPage } from './HeatListPage.tsx';
import { HeatPage } from './HeatPage.tsx';
import './judge.css';

/**
 * `/e/<id>/judge/…`: the judge's screens — the heat list, and a page per heat (and per dance
 * of a multi-dance) to score it, on the device, with or without a network.
 */
export default function JudgeHome() {
  const { personId } = useEventMembership();
  if (!personId) return <Loading label="This invite names no judge." />;
  return (
    <Switch>
      <Route path="/heat/:label/:slot?">
        {(params) => (
          <HeatPage
            key={`${params.label}/${params.slot ?? ''}`}
            judgeId={personId}
            label={params.label}
            slot={params.slot ? Number(params.slot) : undefined}
          />
        )}
      </Route>
      <Route>
        <HeatListPage judgeId={personId} />
      </Route>
    </Switch>
  );
}
