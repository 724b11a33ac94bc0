import { Notice } from '../components/Notice.tsx';
import { useStorageProblem } from '../device/hooks.ts';
import { clearStorageProblem } from '../storage/problems.ts';

/** Storage failures from anywhere in the app, shown on every screen until dismissed. */
export function StorageProblemBanner() {
  const problem = useStorageProblem();
  if (!problem) return null;
  return (
    <div className="banner">
      <Notice tone="error" title="Storage problem">
        <p>{problem.message}</p>
        <button type="button" className="button button-secondary" onClick={clearStorageProblem}>
          Dismiss
        </button>
      </Notice>
    </div>
  );
}
