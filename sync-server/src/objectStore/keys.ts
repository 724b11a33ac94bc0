import { StorageError } from './errors.ts';

/**
 * Keys are `/`-separated segments of letters, digits, `.`, `_` and `-`, none starting with a dot.
 * NOTE: both stores accept exactly the same keys, so code that works on the directory store
 * works on S3 too. The rules also make escaping the directory store's root impossible (no `..`,
 * no absolute paths, no backslashes) and keep its own bookkeeping (`.tmp/`, `.meta/`) out of
 * reach of any key.
 */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 512;
/** Metadata keys are lowercase because S3 lowercases them; values are printable ASCII (HTTP headers). */
const METADATA_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
const METADATA_VALUE = /^[\x20-\x7e]*$/;
const MAX_METADATA_BYTES = 1800;

export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw new StorageError('STORAGE_INVALID_KEY', `object key ${JSON.stringify(key)} ${problem}`);
}

/** Prefixes follow the key rules, except that they may be empty or end with `/` or mid-segment. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  const body = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const problem = keyProblem(body);
  if (problem) throw new StorageError('STORAGE_INVALID_KEY', `object prefix ${JSON.stringify(prefix)} ${problem}`);
}

export function assertValidMetadata(metadata: Record<string, string>): void {
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(name))
      throw new StorageError(
        'STORAGE_INVALID_KEY',
        `metadata name ${JSON.stringify(name)} must be lowercase letters, digits and -`,
      );
    if (!METADATA_VALUE.test(value))
      throw new StorageError('STORAGE_INVALID_KEY', `metadata ${name} must be printable ASCII`);
    bytes += name.length + value.length;
  }
  if (bytes > MAX_METADATA_BYTES)
    throw new StorageError('STORAGE_INVALID_KEY', `metadata is ${bytes} bytes; at most ${MAX_METADATA_BYTES} fit`);
}

function keyProblem(key: string): string | null {
  if (key.length === 0) return 'is empty';
  if (key.length > MAX_KEY_LENGTH) return `is longer than ${MAX_KEY_LENGTH} characters`;
  for (const segment of key.split('/')) {
    if (segment === '') return 'has an empty segment (leading, trailing or doubled /)';
    if (!SEGMENT.test(segment))
      return 'may only hold /-separated segments of letters, digits, ".", "_" and "-", none starting with "."';
  }
  return null;
}
