import { Inject, Injectable } from '@nestjs/common';
import { JOB_RUNNER, JobRunner } from '@ledger/jobs';
import { Gauge } from 'prom-client';
import { MetricsRegistry } from '@ledger/ledger';

/** Job queue depth and failures, read from the job runner at each scrape. */
@Injectable()
export class JobMetrics {
  constructor(@Inject(JOB_RUNNER) jobs: JobRunner, { registry }: MetricsRegistry) {
    new Gauge({
      name: 'ledger_job_queue_jobs',
      help:
        'Jobs by queue and state: waiting (ready, not taken), delayed (waiting for a retry), active (running), failed (gave up after the last attempt; in-process: since start, BullMQ: those retained)',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        let counts;
        try {
          counts = await jobs.counts();
        } catch {
          return; // the runner's store is unreachable: /health says so; the series go stale
        }
        for (const [queue, c] of Object.entries(counts)) {
          for (const state of ['waiting', 'delayed', 'active', 'failed'] as const) this.set({ queue, state }, c[state]);
        }
      },
    });
  }
}
