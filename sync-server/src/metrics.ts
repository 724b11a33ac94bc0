import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

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
}
