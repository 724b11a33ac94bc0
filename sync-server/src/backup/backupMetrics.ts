import { Gauge, type Registry } from 'prom-client';
import type { BackupStatus } from './backupScheduler.ts';

/** Backup lag per event (and the index) on /metrics, computed when Prometheus scrapes. */
export function registerBackupMetrics(registry: Registry, statuses: () => BackupStatus[]): void {
  const seconds = (since: Date | null, now: number) => (since ? (now - since.getTime()) / 1000 : -1);
  const perBackup = (name: string, help: string, value: (status: BackupStatus, now: number) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['name'],
      registers: [registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const s of statuses()) this.set({ name: s.name }, value(s, now));
      },
    });
  perBackup('ondeck_backup_age_seconds', 'Age of the newest good backup, per event; -1 when there is none', (s, now) =>
    seconds(s.lastGoodBackupAt, now),
  );
  perBackup(
    'ondeck_backup_pending_seconds',
    'How long the oldest change not yet in a backup has waited, per event; 0 when none',
    (s, now) => Math.max(0, seconds(s.pendingSince, now)),
  );
  perBackup(
    'ondeck_backup_consecutive_failures',
    'Backup attempts that failed in a row, per event',
    (s) => s.consecutiveFailures,
  );
}
