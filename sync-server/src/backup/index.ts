export { type BackupResult, backupDatabase } from './backupDatabase.ts';
export {
  type BackupOutcome,
  BackupScheduler,
  type BackupSchedulerOptions,
  type BackupSource,
  type BackupStatus,
  type SchedulerLog,
} from './backupScheduler.ts';
export { BackupError, type BackupErrorCode, isBackupError } from './errors.ts';
export { backupPrefix, dailyKey, dayOf, INDEX_BACKUP_NAME, isDay, latestKey } from './keys.ts';
export { type BackupEntry, listBackups } from './listBackups.ts';
export { BACKUP_FORMAT, type BackupManifest, readManifest } from './manifest.ts';
export { pruneDailyBackups } from './pruneDailyBackups.ts';
export {
  localModifiedAt,
  type RestoreOptions,
  type RestoreResult,
  restoreBackup,
  restoreIfMissing,
} from './restoreBackup.ts';
