/**
 * Reads `ONDECK_*` variables for the config modules, collecting one sentence per bad value so
 * that every problem is reported at once. Values are trimmed; an empty value counts as unset.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Record<string, string | undefined>) {}

  read(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  /** Reports every `ONDECK_*` variable that is none of `known`: a misspelt setting must not pass silently. */
  rejectUnknown(known: readonly string[]): void {
    for (const name of Object.keys(this.env).sort()) {
      if (name.startsWith('ONDECK_') && !known.includes(name))
        this.problems.push(`${name} is not an ondeck setting (see the README's configuration table)`);
    }
  }
}
