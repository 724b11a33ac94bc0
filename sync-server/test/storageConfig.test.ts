import { describe, expect, it } from 'vitest';
import { loadStorageConfig } from '../src/objectStore/index.ts';

const dataDir = '/srv/ondeck';
const s3 = {
  ONDECK_STORAGE: 's3',
  ONDECK_S3_ENDPOINT: 'https://s3.example.com',
  ONDECK_S3_BUCKET: 'ondeck-backups',
  ONDECK_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  ONDECK_S3_SECRET_ACCESS_KEY: 'super-secret-value',
};

function problems(env: Record<string, string | undefined>): string[] {
  const result = loadStorageConfig(env, { dataDir });
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('storage settings', () => {
  it('defaults to a directory under the data dir, a 10-minute interval, and keeping every copy', () => {
    expect(loadStorageConfig({}, { dataDir })).toEqual({
      ok: true,
      config: {
        storage: { kind: 'dir', dir: '/srv/ondeck/objects' },
        backup: { intervalMs: 600_000, retentionDays: null },
      },
    });
  });

  it('reads a directory, an interval and a retention', () => {
    const result = loadStorageConfig(
      {
        ONDECK_STORAGE: 'dir',
        ONDECK_STORAGE_DIR: '/mnt/backup-disk',
        ONDECK_BACKUP_INTERVAL_MS: '60000',
        ONDECK_BACKUP_RETENTION_DAYS: '30',
      },
      { dataDir },
    );
    expect(result).toEqual({
      ok: true,
      config: {
        storage: { kind: 'dir', dir: '/mnt/backup-disk' },
        backup: { intervalMs: 60_000, retentionDays: 30 },
      },
    });
    expect(loadStorageConfig({ ONDECK_BACKUP_RETENTION_DAYS: 'all' }, { dataDir })).toMatchObject({
      ok: true,
      config: { backup: { retentionDays: null } },
    });
  });

  it('reads S3 settings, with path style by default for a custom endpoint', () => {
    expect(loadStorageConfig({ ...s3, ONDECK_S3_ENDPOINT: 'https://s3.example.com/' }, { dataDir })).toEqual({
      ok: true,
      config: {
        storage: {
          kind: 's3',
          endpoint: 'https://s3.example.com',
          region: 'us-east-1',
          bucket: 'ondeck-backups',
          accessKeyId: 'AKIAEXAMPLE',
          secretAccessKey: 'super-secret-value',
          forcePathStyle: true,
        },
        backup: { intervalMs: 600_000, retentionDays: null },
      },
    });
    const aws = loadStorageConfig({ ...s3, ONDECK_S3_ENDPOINT: undefined, ONDECK_S3_REGION: 'eu-west-3' }, { dataDir });
    expect(aws).toMatchObject({ ok: true, config: { storage: { region: 'eu-west-3', forcePathStyle: false } } });
    expect(aws.ok && aws.config.storage.kind === 's3' && 'endpoint' in aws.config.storage).toBe(false);
    const virtualHosted = loadStorageConfig({ ...s3, ONDECK_S3_FORCE_PATH_STYLE: 'false' }, { dataDir });
    expect(virtualHosted).toMatchObject({ ok: true, config: { storage: { forcePathStyle: false } } });
  });

  it('names every missing S3 setting at once', () => {
    expect(problems({ ONDECK_STORAGE: 's3' })).toEqual([
      'ONDECK_S3_BUCKET is required when ONDECK_STORAGE is "s3" (the bucket that holds backups and files)',
      'ONDECK_S3_ACCESS_KEY_ID is required when ONDECK_STORAGE is "s3" (the access key of the credentials)',
      'ONDECK_S3_SECRET_ACCESS_KEY is required when ONDECK_STORAGE is "s3" (the secret of the credentials)',
    ]);
  });

  it('explains each bad value, naming its variable', () => {
    expect(
      problems({
        ...s3,
        ONDECK_S3_ENDPOINT: 'ftp://storage',
        ONDECK_S3_REGION: 'Europe West',
        ONDECK_S3_BUCKET: 'Bad_Bucket',
        ONDECK_S3_FORCE_PATH_STYLE: 'maybe',
        ONDECK_BACKUP_INTERVAL_MS: '10',
        ONDECK_BACKUP_RETENTION_DAYS: '-1',
      }),
    ).toEqual([
      'ONDECK_S3_ENDPOINT must be an http(s) URL with no path, user or password, such as https://s3.example.com',
      'ONDECK_S3_REGION must be a region name such as us-east-1 or auto (got "Europe West")',
      'ONDECK_S3_BUCKET must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens (got "Bad_Bucket")',
      'ONDECK_S3_FORCE_PATH_STYLE must be true or false (got "maybe")',
      'ONDECK_BACKUP_INTERVAL_MS must be a whole number from 1000 to 86400000 (got "10")',
      'ONDECK_BACKUP_RETENTION_DAYS must be a whole number of days from 1 to 36500, or "all" (got "-1")',
    ]);
    expect(problems({ ONDECK_STORAGE: 'ftp' })).toEqual(['ONDECK_STORAGE must be "dir" or "s3" (got "ftp")']);
  });

  it('never repeats a secret, even inside an endpoint URL', () => {
    const found = problems({ ...s3, ONDECK_S3_ENDPOINT: 'https://user:hunter2@s3.example.com', ONDECK_S3_BUCKET: '' });
    expect(found.join('\n')).not.toMatch(/hunter2|super-secret-value/);
    expect(found[0]).toMatch(/^ONDECK_S3_ENDPOINT /);
  });

  it('catches S3 settings given without ONDECK_STORAGE=s3, and the reverse', () => {
    expect(problems({ ONDECK_S3_BUCKET: 'ondeck-backups' })).toEqual([
      'ONDECK_S3_BUCKET is set but ONDECK_STORAGE is "dir"; set ONDECK_STORAGE=s3',
    ]);
    expect(problems({ ...s3, ONDECK_STORAGE_DIR: '/tmp/x' })).toEqual([
      'ONDECK_STORAGE_DIR is set but ONDECK_STORAGE is "s3"; unset one of them',
    ]);
  });
});
