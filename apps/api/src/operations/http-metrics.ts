import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import type { AnsweredRequest } from '../logging/request-logging';
import { MetricsRegistry } from '@ledger/ledger';

/** HTTP requests by method, route pattern and status, and their latency (for rate, error-ratio and latency alerts). */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;

  constructor({ registry }: MetricsRegistry) {
    this.requests = new Counter({
      name: 'ledger_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern (unmatched for no route) and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'ledger_http_request_duration_seconds',
      help: 'Time from receiving a request to the end of its answer, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  observe({ method, route, status, seconds }: AnsweredRequest): void {
    this.requests.inc({ method, route, status: String(status) });
    this.duration.observe({ method, route }, seconds);
  }
}
