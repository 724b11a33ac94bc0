import { isSlug } from '@ondeck/shared';
import { BackupError } from './errors.ts';

/**
 * Where backups live in the object store:
 *   backups/<name>/latest             the newest copy, restored when the local file is missing
 *   backups/<name>/daily/<YYYY-MM-DD> the last copy made on that (UTC) day, kept per retention
 * `name` is an event id, or `index` for the index database (itself a slug, like every event id).
 */
export const INDEX_BACKUP_NAME = 'index';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function assertBackupName(name: string): void {
  if (!isSlug(name))
    throw new BackupError(
      'BACKUP_INVALID_NAME',
      `${JSON.stringify(name)} is not an event id or "${INDEX_BACKUP_NAME}"`,
    );
}

export function backupPrefix(name: string): string {
  assertBackupName(name);
  return `backups/${name}/`;
}

export function latestKey(name: string): string {
  return `${backupPrefix(name)}latest`;
}

export function dailyKey(name: string, day: string): string {
  assertDay(day);
  return `${backupPrefix(name)}daily/${day}`;
}

/**
 * The UTC calendar day of a moment, YYYY-MM-DD.
 * NOTE: UTC, so that every server and the CLI agree on which day a copy belongs to.
 */
export function dayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && dayOf(parsed) === value;
}

function assertDay(day: string): void {
  if (!isDay(day))
    throw new BackupError('BACKUP_INVALID_DAY', `${JSON.stringify(day)} is not "latest" or a date like 2026-11-22`);
}
