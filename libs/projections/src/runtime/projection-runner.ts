import type { AllSubscription, EventStore, RecordedEvent } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import type { Projection } from './projection';
import { UnitOfWork } from './unit-of-work';

export interface ProjectionStatus {
  name: string;
  namespace: string | undefined;
  checkpoint: bigint | undefined;
  caughtUp: boolean;
  /** Seconds between now and the recordedAt of the last applied event while behind; 0 when caught up. */
  lagSeconds: number;
  eventsApplied: number;
}

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /** Forget cached documents once the cache holds more than this many. */
  maxCachedDocuments?: number;
  onError?(projection: string, error: unknown): void;
}

/**
 * Runs one projection from its checkpoint: each batch of events becomes one commit of the
 * read-model changes together with the new checkpoint. The checkpoint is also committed when the
 * subscription reports it has caught up, so an idle store never shows false lag.
 */
export class ProjectionRunner {
  private namespace: string | undefined;
  private checkpoint: bigint | undefined;
  private subscription: AllSubscription | undefined;
  private caughtUp = false;
  private lastRecordedAt: number | undefined;
  private eventsApplied = 0;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private uow: UnitOfWork | undefined;

  constructor(
    readonly projection: Projection,
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  get targetNamespace(): string {
    return `${this.projection.name}@v${this.projection.version}`;
  }

  /** The namespace that queries read. */
  get activeNamespace(): string {
    return this.namespace ?? this.targetNamespace;
  }

  /**
   * Starts following the log. When the stored active namespace belongs to another version, the
   * new version is built side by side first and swapped in once it has caught up.
   */
  async start(): Promise<void> {
    const active = await this.store.activeNamespace(this.projection.name);
    const target = this.targetNamespace;
    if (active !== undefined && active !== target) {
      await this.buildSideBySide(target);
      await this.store.setActiveNamespace(this.projection.name, target);
      await this.store.dropNamespace(active);
    } else if (active === undefined) {
      await this.store.setActiveNamespace(this.projection.name, target);
    }
    await this.follow(target);
  }

  /** Rebuilds from position 0 into a fresh namespace while the current one keeps serving, then swaps. */
  async rebuild(): Promise<{ namespace: string; events: number; seconds: number }> {
    const started = process.hrtime.bigint();
    const fresh = `${this.targetNamespace}.${Date.now().toString(36)}`;
    const events = await this.buildSideBySide(fresh);
    await this.stop();
    const old = (await this.store.activeNamespace(this.projection.name)) ?? this.namespace;
    await this.store.setActiveNamespace(this.projection.name, fresh);
    if (old && old !== fresh) await this.store.dropNamespace(old);
    await this.follow(fresh);
    return { namespace: fresh, events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Resolves true once the projection has committed `position` (or beyond), false on timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.checkpoint !== undefined && this.checkpoint >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  status(): ProjectionStatus {
    return {
      name: this.projection.name,
      namespace: this.namespace,
      checkpoint: this.checkpoint,
      caughtUp: this.caughtUp,
      lagSeconds: this.caughtUp || this.lastRecordedAt === undefined ? 0 : Math.max(0, (Date.now() - this.lastRecordedAt) / 1000),
      eventsApplied: this.eventsApplied,
    };
  }

  private async follow(namespace: string): Promise<void> {
    this.namespace = namespace;
    this.checkpoint = await this.store.checkpoint(namespace);
    this.uow = new UnitOfWork(this.store, namespace);
    this.caughtUp = false;
    this.subscription = this.events.subscribeToAll(
      { after: this.checkpoint, batchSize: this.options.batchSize },
      {
        onEvents: async (batch) => {
          this.caughtUp = false;
          await this.applyBatch(namespace, this.uow!, batch);
        },
        onCaughtUp: async (head) => {
          if (head !== undefined && (this.checkpoint === undefined || head > this.checkpoint)) {
            await this.store.commit(namespace, [], head);
            this.advance(head);
          }
          this.caughtUp = true;
        },
        onError: (error) => this.options.onError?.(this.projection.name, error),
      },
    );
  }

  /** Reads the log from the start into `namespace` until it reaches the head; returns the event count. */
  private async buildSideBySide(namespace: string): Promise<number> {
    await this.store.dropNamespace(namespace);
    const uow = new UnitOfWork(this.store, namespace);
    let after: bigint | undefined;
    let count = 0;
    const batchSize = this.options.batchSize ?? 2000;
    while (true) {
      const batch = await this.events.readAll({ after, maxCount: batchSize });
      if (batch.length === 0) break;
      count += await this.applyBatch(namespace, uow, batch, false);
      after = batch[batch.length - 1].position;
    }
    return count;
  }

  private async applyBatch(namespace: string, uow: UnitOfWork, batch: RecordedEvent[], live = true): Promise<number> {
    let applied = 0;
    for (const event of batch) {
      if (!this.projection.eventTypes.has(event.type)) continue;
      await this.projection.apply(event, uow);
      applied++;
    }
    const last = batch[batch.length - 1];
    try {
      await this.store.commit(namespace, uow.takeChanges(), last.position);
    } catch (error) {
      uow.clear();
      throw error;
    }
    if (uow.size > (this.options.maxCachedDocuments ?? 200_000)) uow.clear();
    if (live) {
      this.eventsApplied += applied;
      this.lastRecordedAt = Date.parse(last.metadata.recordedAt);
      this.advance(last.position);
    }
    return applied;
  }

  private advance(position: bigint): void {
    this.checkpoint = position;
    const ready = this.waiters.filter((w) => w.position <= position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const w of ready) w.resolve();
  }
}
