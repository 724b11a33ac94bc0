import { chmodSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Writes `value` as JSON to `path` through a temporary file and a rename, so that a crash leaves
 * the old file or the new one, never half of one. With `mode`, only its owner may read it.
 */
export function writeJsonFile(path: string, value: unknown, mode?: number): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, mode === undefined ? {} : { mode });
  // NOTE: `mode` applies only when the file is created; a temporary left by a crash keeps its own.
  if (mode !== undefined) chmodSync(temporary, mode);
  renameSync(temporary, path);
}
