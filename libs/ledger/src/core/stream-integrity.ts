import { Inject, Injectable, Logger } from '@nestjs/common';
import { IntegrityFailure, RecordedEvent, SEAL_STORE, SealKey, SealStore, verifyStreamSeal } from '@ledger/event-store';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '../metrics/command-metrics';

export const SEAL_KEY = Symbol('SEAL_KEY');

/** A stream whose chain or seal does not verify: the HTTP layer answers the integrity-failure problem (500). */
export class IntegrityFailureError extends Error {
  constructor(
    readonly streamId: string,
    readonly failures: readonly IntegrityFailure[],
  ) {
    super(`the stored history of ${streamId} does not verify; it is not served. An auditor can run GET /v1/audit/verify?streamId=${streamId}`);
    this.name = 'IntegrityFailureError';
  }
}

/**
 * Checks a stream before a read serves it: its hash chain and its events against the seal. A
 * failure is logged (stream, version and reason only: nothing personal) and counted, and the read
 * answers the integrity-failure problem instead of the data.
 */
@Injectable()
export class StreamIntegrity {
  private readonly logger = new Logger('Integrity');
  private readonly failures: Counter<'source'>;

  constructor(
    @Inject(SEAL_KEY) private readonly key: SealKey,
    @Inject(SEAL_STORE) private readonly seal: SealStore,
    { registry }: MetricsRegistry,
  ) {
    this.failures = new Counter({
      name: 'ledger_integrity_failures_total',
      help: 'Integrity failures found: by reads that refused to serve an altered stream (source=read), and by verify runs (source=verify, one per run that was not ok)',
      labelNames: ['source'],
      registers: [registry],
    });
    this.failures.inc({ source: 'read' }, 0);
    this.failures.inc({ source: 'verify' }, 0);
  }

  /** Throws IntegrityFailureError when the stream's events do not verify. */
  async assertIntact(streamId: string, recorded: readonly RecordedEvent[]): Promise<void> {
    const failures = verifyStreamSeal(this.key, recorded, await this.seal.rowsOfStream(streamId));
    if (failures.length === 0) return;
    this.failures.inc({ source: 'read' });
    for (const f of failures.slice(0, 10)) this.logger.error(`integrity failure in ${f.streamId} version ${f.version} position ${f.position}: ${f.reason}`);
    throw new IntegrityFailureError(streamId, failures);
  }

  /** Counts a verify run that found failures. */
  countVerifyFailure(): void {
    this.failures.inc({ source: 'verify' });
  }
}

