import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const load = (env: Record<string, string>) => loadConfig(env, { defaultClientDir: null });

function problemsOf(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from ONDECK_* variables', () => {
  it('has working defaults', () => {
    const config = load({});
    expect(config.port).toBe(8080);
    expect(config.idleTimeoutMs).toBe(300_000);
    expect(config.demo).toBe(false);
  });

  it('names every bad value in one message, without echoing secrets', () => {
    const problems = problemsOf({
      ONDECK_PORT: 'eighty',
      ONDECK_IDLE_TIMEOUT_MS: '-5',
      ONDECK_SECRET: 'short-secret-value',
      ONDECK_DEMO: 'maybe',
      ONDECK_PUBLIC_URL: 'ondeck.example.com',
      ONDECK_LOG_LEVEL: 'loud',
      ONDECK_PROT: '8080',
    });
    expect(problems).toEqual([
      "ONDECK_PROT is not an ondeck setting (see the README's configuration table)",
      'ONDECK_SECRET must be at least 32 characters long',
      'ONDECK_PUBLIC_URL must be an http(s) URL such as https://ondeck.example.com (got "ondeck.example.com")',
      'ONDECK_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'ONDECK_PORT must be a whole number from 0 to 65535 (got "eighty")',
      'ONDECK_IDLE_TIMEOUT_MS must be a whole number from 100 to 86400000 (got "-5")',
      'ONDECK_DEMO must be true or false (got "maybe")',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret-value');
  });

  it('catches misspelt storage and backup variables too', () => {
    expect(problemsOf({ ONDECK_S3_BUCKETS: 'x', ONDECK_BACKUP_RETENTION: '7' })).toEqual([
      "ONDECK_BACKUP_RETENTION is not an ondeck setting (see the README's configuration table)",
      "ONDECK_S3_BUCKETS is not an ondeck setting (see the README's configuration table)",
    ]);
  });

  it('accepts explicit values', () => {
    const config = load({ ONDECK_PORT: '0', ONDECK_DEMO: 'yes', ONDECK_PUBLIC_URL: 'https://ondeck.example.com/' });
    expect(config.port).toBe(0);
    expect(config.demo).toBe(true);
    expect(config.publicUrl).toBe('https://ondeck.example.com');
  });
});
