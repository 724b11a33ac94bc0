import { type CompetitionResult, plural } from '@ondeck/shared';
import { formatTime } from '../../lib/format.ts';

/** Whether the finalists published differ from what the callbacks say now. */
export function callbacksChanged(result: CompetitionResult): boolean {
  const { semi, published } = result;
  if (!semi || !published) return false;
  const now = [...semi.finalists].sort().join();
  return now !== [...published.finalists].sort().join();
}

/** "Callbacks: 2 of 3 judges done", "6 couples in the final (published 14:32)". */
export function semiStatus(result: CompetitionResult): string {
  const { semi, published } = result;
  if (!semi) return 'No semi-final: every couple dances the final.';
  if (published)
    return `${plural(published.finalists.length, 'couple')} in the final (published ${formatTime(published.publishedAt)})${callbacksChanged(result) ? '; the callbacks have changed since' : ''}.`;
  const done = semi.judges.filter((j) => j.complete).length;
  return `Callbacks: ${done} of ${plural(semi.judges.length, 'judge')} done.`;
}

/** "Placed by 3 judges", "Provisional: 2 of 3 judges", "Not ranked yet". */
export function finalStatus(result: CompetitionResult): string {
  const { final, finalists } = result;
  if (!finalists) return 'Waiting for the callbacks.';
  if (final.panel.length === 0) return 'Not ranked yet.';
  const of = final.panel.length + final.missing.length;
  return final.missing.length > 0
    ? `Provisional: placed by ${final.panel.length} of ${of} judges.`
    : `Placed by ${plural(final.panel.length, 'judge')}.`;
}
