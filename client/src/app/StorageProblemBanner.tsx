import { Notice } from '../components/Notice.tsx';
import { useStorageProblem } from '../storage/hooks.ts';

/** Storage failures from anywhere in the app, shown on every screen. */
export function StorageProblemBanner() {
  const problem = useStorageProblem();
  if (!problem) return null;
  return (
    <div className="banner">
      <Notice tone="error" title="Storage problem">
        {problem.message}
      </Notice>
    </div>
  );
}
