import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.service';

/** Prometheus metrics: HTTP latency, interactions by source/kind/status, jobs by state. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'chorus_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() dataSource: DataSource,
    jobs: JobQueue,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'chorus_' });
    new Gauge({
      name: 'chorus_interactions',
      help: 'Stored interactions by source, kind and status',
      labelNames: ['source', 'kind', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows: { source: string; kind: string; status: string; n: string | number }[] = await dataSource.query(
          'SELECT source, kind, status, COUNT(*) AS n FROM interactions GROUP BY source, kind, status',
        );
        for (const row of rows) this.set({ source: row.source, kind: row.kind, status: row.status }, Number(row.n));
      },
    });
    new Gauge({
      name: 'chorus_jobs',
      help: 'Jobs by state',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        for (const [state, count] of Object.entries(await jobs.counts())) this.set({ state }, count);
      },
    });
  }
}
