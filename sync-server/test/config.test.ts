import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadTestConfig as load, configProblems as problemsOf } from './support/config.ts';

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

  it('reads the allowed origins, the trusted proxy and the HTTP rate limits, and names bad ones', () => {
    const defaults = load({});
    expect(defaults.allowedOrigins).toBeNull();
    expect(defaults.trustProxy).toBe(false);
    expect([defaults.joinRateLimitPerMinute, defaults.uploadRateLimitPerMinute]).toEqual([120, 120]);
    const set = load({
      ONDECK_ALLOWED_ORIGINS: 'https://ondeck.example.com/, http://192.168.1.20:8080',
      ONDECK_TRUST_PROXY: '10.0.0.0/8, ::1',
      ONDECK_JOIN_RATE_LIMIT_PER_MINUTE: '600',
    });
    expect(set.allowedOrigins).toEqual(['https://ondeck.example.com', 'http://192.168.1.20:8080']);
    expect(set.trustProxy).toEqual(['10.0.0.0/8', '::1']);
    expect(set.joinRateLimitPerMinute).toBe(600);
    expect(load({ ONDECK_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(
      problemsOf({
        ONDECK_ALLOWED_ORIGINS: 'https://ondeck.example.com/app, *',
        ONDECK_TRUST_PROXY: '10.0.0.0/33',
        ONDECK_UPLOAD_RATE_LIMIT_PER_MINUTE: '0',
      }),
    ).toEqual([
      'ONDECK_ALLOWED_ORIGINS takes origins such as https://ondeck.example.com, comma-separated (got "https://ondeck.example.com/app")',
      'ONDECK_ALLOWED_ORIGINS takes origins such as https://ondeck.example.com, comma-separated (got "*")',
      `ONDECK_TRUST_PROXY is true, false, or the proxy's addresses or CIDR ranges, comma-separated (got "10.0.0.0/33")`,
      'ONDECK_UPLOAD_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000 (got "0")',
    ]);
  });

  describe('ONDECK_SIGNING_KEY', () => {
    const pkcs8 = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
      key.export({ format: 'pem', type: 'pkcs8' }).toString();
    const ed25519 = generateKeyPairSync('ed25519');
    const pem = pkcs8(ed25519.privateKey);

    it('takes an Ed25519 private key in PEM, with real or written-out line breaks', () => {
      for (const value of [pem, pem.replace(/\n/g, '\\n')]) {
        const key = load({ ONDECK_SIGNING_KEY: value }).signingKey;
        expect(key?.asymmetricKeyType).toBe('ed25519');
        expect(key?.equals(ed25519.privateKey)).toBe(true);
      }
    });

    it('says what is wrong with any other key, never repeating it', () => {
      const ec = pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
      const publicPem = ed25519.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      const encrypted = ed25519.privateKey
        .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pass phrase' })
        .toString();
      const cases: Array<[string, string]> = [
        [ec, 'ONDECK_SIGNING_KEY must be an Ed25519 private key, not ec key'],
        [publicPem, 'ONDECK_SIGNING_KEY is a public key; it must be the private key (PEM, PKCS#8)'],
        [encrypted, 'ONDECK_SIGNING_KEY is encrypted; give the private key unencrypted (PEM, PKCS#8)'],
        [
          pem.slice(0, 60),
          'ONDECK_SIGNING_KEY could not be read: it must be an Ed25519 private key in PEM (PKCS#8), as `openssl genpkey -algorithm ed25519` writes',
        ],
      ];
      for (const [value, problem] of cases) {
        const problems = problemsOf({ ONDECK_SIGNING_KEY: value });
        expect(problems).toEqual([problem]);
        const body = value.replace(/-----[A-Z ]+-----|\s/g, '');
        for (const line of body.match(/.{16}/g) ?? []) expect(problems.join('\n')).not.toContain(line);
      }
    });
  });
});
