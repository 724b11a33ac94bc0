/**
 * The one byte range of an HTTP `Range` header, for a file of `size` bytes (RFC 9110 §14):
 * `bytes=a-b`, `bytes=a-` or the last n bytes `bytes=-n`, clamped to the file.
 * - `null`: no usable header (absent, another unit, several ranges, bad syntax): send it all;
 * - `'unsatisfiable'`: the range starts past the end (416);
 * - otherwise the inclusive range to send (206).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last === '' ? size - 1 : Number(last), size - 1) };
}
