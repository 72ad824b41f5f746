import type { AllSubscription, EventStore, RecordedEvent } from '../event-store.port';
import { GENESIS_LINK, eventMac, nextLink } from './seal-chain';
import type { SealKey } from './seal-key';
import type { SealRow, SealStore } from './seal-store';

/**
 * Seals the log: follows it in position order through the event-store port (a catch-up
 * subscription, so it seals what was committed, whichever process or adapter appended it) and
 * appends one seal row per event to the seal store, each batch in one write. It resumes after the
 * last row sealed, so a crash loses nothing: the events it had not sealed are sealed on the next
 * start. Run it in one process per deployment (where the projections run).
 */
export class Sealer {
  private subscription: AllSubscription | undefined;
  private head: SealRow | undefined;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];

  constructor(
    private readonly events: EventStore,
    private readonly store: SealStore,
    private readonly key: SealKey,
    private readonly options: { batchSize?: number; onError?: (error: unknown) => void } = {},
  ) {}

  async start(): Promise<void> {
    if (this.subscription) return;
    this.head = await this.store.head();
    this.subscription = this.events.subscribeToAll(
      { after: this.head?.position, batchSize: this.options.batchSize ?? 1000 },
      {
        onEvents: async (events) => {
          await this.seal(events);
        },
        onCaughtUp: async () => this.wake(),
        onError: (error) => this.options.onError?.(error),
      },
    );
  }

  /** Seals a batch that continues the head; exposed for tools that seal a log they just built. */
  async seal(events: readonly RecordedEvent[]): Promise<void> {
    let seq = this.head?.seq ?? 0;
    let link = this.head?.link ?? GENESIS_LINK;
    const rows: SealRow[] = [];
    for (const e of events) {
      if (this.head && e.position <= this.head.position) continue;
      const mac = eventMac(this.key, e);
      link = nextLink(this.key, link, mac);
      seq += 1;
      rows.push({ seq, position: e.position, streamId: e.streamId, revision: e.revision, mac, link });
    }
    if (rows.length === 0) return;
    await this.store.append(rows);
    this.head = rows[rows.length - 1];
    this.wake();
  }

  /** Position of the last event sealed. */
  sealedThrough(): bigint | undefined {
    return this.head?.position;
  }

  /** Resolves once the seal has reached `position` (or at once when it has), or after `timeoutMs`. */
  async waitFor(position: bigint | undefined, timeoutMs: number): Promise<boolean> {
    if (position === undefined || (this.head && this.head.position >= position)) return true;
    if (!this.subscription) return false;
    let timer: NodeJS.Timeout | undefined;
    const reached = await Promise.race([
      new Promise<boolean>((resolve) => this.waiters.push({ position, resolve: () => resolve(true) })),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return reached;
  }

  private wake(): void {
    const at = this.head?.position;
    if (at === undefined) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.position <= at) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  async stop(): Promise<void> {
    const s = this.subscription;
    this.subscription = undefined;
    await s?.stop();
  }
}
