/**
 * Evaluates the little ERB that Rails fixtures use. Dates become `today` (fixtures mean "the
 * day the tests run"); any other Ruby cannot run here and is dropped, as is a non-output tag.
 */
export function expandErb(text: string, now: Date): string {
  return text.replace(/<%(=|#)?([\s\S]*?)-?%>/g, (_, kind: string | undefined, code: string) => {
    if (kind !== '=') return '';
    const expression = code.trim();
    if (/^Date\.(current|today)\b/.test(expression)) return localDate(now);
    if (/^Time\.(current|now|zone\.now)\b/.test(expression)) return now.toISOString();
    return '';
  });
}

/** YYYY-MM-DD of the local calendar day, as Rails' `Date.current` in the server's zone. */
function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
