import { describeStorageError, type StorageProblem } from './errors.ts';

/**
 * Storage failures that happen away from any screen (a background write of a sync update) are
 * collected here so the shell can show them instead of losing them in the console.
 */
type Listener = () => void;
let current: StorageProblem | null = null;
const listeners = new Set<Listener>();

export function reportStorageError(error: unknown): void {
  console.error('ondeck storage', error);
  current = describeStorageError(error);
  for (const listener of listeners) listener();
}

/** The person read the problem; it comes back if storage fails again. */
export function clearStorageProblem(): void {
  current = null;
  for (const listener of listeners) listener();
}

export function currentStorageProblem(): StorageProblem | null {
  return current;
}

export function subscribeStorageProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
