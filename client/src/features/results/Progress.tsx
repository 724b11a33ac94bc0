import { type HeatProgress, progressLine, type SummaryProgress, summaryProgressLine } from '@ondeck/shared';

const SHOWN = 5;

/** "38 of 40 heats fully marked", and the first heats still waiting with who is missing. */
export function ProgressLine({ progress }: { progress: SummaryProgress }) {
  const complete = progress.heats > 0 && progress.complete === progress.heats;
  return (
    <div className={complete ? 'rs-progress rs-progress-done' : 'rs-progress'} data-testid="progress">
      <strong>{summaryProgressLine(progress)}</strong>
      {progress.waiting.length > 0 ? (
        <ul className="rs-waiting">
          {progress.waiting.slice(0, SHOWN).map((heat) => (
            <HeatWaiting key={heat.label} heat={heat} />
          ))}
          {progress.waiting.length > SHOWN ? <li>and {progress.waiting.length - SHOWN} more heats</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

function HeatWaiting({ heat }: { heat: HeatProgress }) {
  const missing = heat.judges.filter((j) => j.state !== 'scored').map((j) => j.name);
  return (
    <li>
      {progressLine(heat)}{' '}
      {missing.length > 0 ? <span className="muted">Waiting for {missing.join(', ')}.</span> : null}
    </li>
  );
}
