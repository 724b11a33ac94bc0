import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BackupStatus } from './backup/index.ts';

/** Prometheus metrics of one server (one registry per app, so tests can run several). */
export class Metrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({
    name: 'ondeck_connections',
    help: 'Open sync connections',
    registers: [this.registry],
  });
  readonly loadedEvents = new Gauge({
    name: 'ondeck_loaded_events',
    help: 'Events held in memory',
    registers: [this.registry],
  });
  readonly commits = new Counter({
    name: 'ondeck_commits_total',
    help: 'Group commits to event databases',
    registers: [this.registry],
  });
  readonly committedUpdates = new Counter({
    name: 'ondeck_committed_updates_total',
    help: 'Document updates committed',
    registers: [this.registry],
  });
  readonly commitFailures = new Counter({
    name: 'ondeck_commit_failures_total',
    help: 'Group commits that failed and will be retried',
    registers: [this.registry],
  });
  readonly commitSeconds = new Histogram({
    name: 'ondeck_commit_duration_seconds',
    help: 'Time to commit one group of updates',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly refusedMessages = new Counter({
    name: 'ondeck_refused_messages_total',
    help: 'Messages and connections refused, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ondeck_' });
  }

  /** Backup lag per event (and the index), computed when Prometheus scrapes. */
  watchBackups(statuses: () => BackupStatus[]): void {
    const seconds = (since: Date | null, now: number) => (since ? (now - since.getTime()) / 1000 : -1);
    const perBackup = (name: string, help: string, value: (status: BackupStatus, now: number) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['name'],
        registers: [this.registry],
        collect() {
          this.reset();
          const now = Date.now();
          for (const s of statuses()) this.set({ name: s.name }, value(s, now));
        },
      });
    perBackup(
      'ondeck_backup_age_seconds',
      'Age of the newest good backup, per event; -1 when there is none',
      (s, now) => seconds(s.lastGoodBackupAt, now),
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
}
