import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The service's Prometheus registry: command counts and latencies; projections add their gauges. */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_' });
  }
}

@Injectable()
export class CommandMetrics {
  private readonly total: Counter<'command' | 'outcome'>;
  private readonly duration: Histogram<'command'>;

  constructor({ registry }: MetricsRegistry) {
    this.total = new Counter({
      name: 'ledger_commands_total',
      help: 'Commands handled, by command and outcome (ok, replayed, refused)',
      labelNames: ['command', 'outcome'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'ledger_command_duration_seconds',
      help: 'Command latency from load to append',
      labelNames: ['command'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  /** Starts timing a command; call the result with its outcome. */
  start(command: string): (outcome: 'ok' | 'replayed' | 'refused') => void {
    const end = this.duration.startTimer({ command });
    return (outcome) => {
      end();
      this.total.inc({ command, outcome });
    };
  }
}
