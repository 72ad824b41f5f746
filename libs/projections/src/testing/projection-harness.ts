import type {
  AbsenceEvent,
  Actor,
  DepartmentEvent,
  DomainEvent,
  EmployeeEvent,
  HighRiskProtectionEvent,
  NotificationEvent,
  ObservationEvent,
  PayrollPeriodEvent,
} from '@ledger/domain';
import { ChainTail, RecordedEvent, chainEvents } from '@ledger/event-store';
import { ReadStore, SqliteReadStore } from '@ledger/read-store';
import { randomUUID } from 'node:crypto';
import type { Projection } from '../runtime/projection';
import { UnitOfWork } from '../runtime/unit-of-work';

/** Every event the ledger's streams hold, by the domain's own unions. */
export type LedgerEvent =
  | AbsenceEvent
  | EmployeeEvent
  | DepartmentEvent
  | HighRiskProtectionEvent
  | PayrollPeriodEvent
  | ObservationEvent
  | NotificationEvent;

/** An event of the union, with the stream it goes to and who recorded it. */
export interface StreamEvent<E extends DomainEvent = LedgerEvent> {
  streamId: string;
  event: E;
  actor: Actor;
}

export interface ProjectionHarnessOptions {
  /** recordedAt of the first events; move it with `now = …` between them. */
  now?: string;
  /** Default: a SQLite read store in memory. */
  store?: ReadStore;
  namespace?: string;
}

/**
 * A projection spec's ledger: given events → when events → then read model. Each event is typed by
 * the domain's event unions, gets the next revision of its stream and the next global position, is
 * hash-chained by the event-store library (as the command pipeline appends it), and is applied and
 * committed on its own, as the projection runner does with a batch of one.
 */
export class ProjectionHarness<E extends DomainEvent = LedgerEvent> {
  readonly store: ReadStore;
  readonly namespace: string;
  /** Every event applied so far, in log order. */
  readonly log: RecordedEvent[] = [];
  /** recordedAt of the next events. */
  now: string;
  private uow: UnitOfWork;
  private position = 0n;
  private readonly tails = new Map<string, ChainTail>();

  constructor(
    readonly projection: Projection,
    options: ProjectionHarnessOptions = {},
  ) {
    this.store = options.store ?? new SqliteReadStore({ file: ':memory:' });
    this.namespace = options.namespace ?? `${projection.name}@test`;
    this.now = options.now ?? '2026-01-01T08:00:00.000Z';
    this.uow = new UnitOfWork(this.store, this.namespace);
  }

  /** What had happened before the behaviour under test. */
  given(...events: Array<StreamEvent<E>>): Promise<RecordedEvent[]> {
    return this.emitAll(events);
  }

  /** The events whose effect the spec checks. */
  when(...events: Array<StreamEvent<E>>): Promise<RecordedEvent[]> {
    return this.emitAll(events);
  }

  /** Records one event on its stream and applies it. */
  async emit(streamId: string, event: E, actor: Actor): Promise<RecordedEvent> {
    const tail = this.tails.get(streamId);
    const [chained] = chainEvents(streamId, tail, [{ id: randomUUID(), type: event.type, data: event.data as Record<string, unknown> }], {
      recordedAt: this.now,
      actor,
    });
    const revision = (tail?.revision ?? -1n) + 1n;
    this.tails.set(streamId, { revision, hash: chained.metadata.hash });
    const recorded: RecordedEvent = { ...chained, streamId, revision, position: ++this.position };
    this.log.push(recorded);
    await this.apply(recorded);
    return recorded;
  }

  /** Applies a recorded event (a new one, or one of `log` again: a replay) and commits with its position. */
  async apply(event: RecordedEvent): Promise<void> {
    if (!this.projection.eventTypes.has(event.type)) return;
    await this.projection.apply(event, this.uow);
    await this.store.commit(this.namespace, this.uow.takeChanges(), event.position);
  }

  /** Forgets the unit of work's cache, so the next reads come from the store. */
  fresh(): void {
    this.uow = new UnitOfWork(this.store, this.namespace);
  }

  /** The stream's last revision, -1 for a stream with no events yet. */
  revision(streamId: string): number {
    return Number(this.tails.get(streamId)?.revision ?? -1n);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async emitAll(events: Array<StreamEvent<E>>): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (const e of events) out.push(await this.emit(e.streamId, e.event, e.actor));
    return out;
  }
}
