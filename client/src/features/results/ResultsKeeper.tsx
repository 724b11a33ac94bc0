import { useResults } from './queries.ts';

/**
 * Mounted on the organiser's device whatever screen is open: keeps the results engine
 * running, which publishes finished semi-finals' callbacks so the judges' finals appear.
 */
export default function ResultsKeeper() {
  useResults();
  return null;
}
