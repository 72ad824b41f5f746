/**
 * The event-store port. Every adapter (SQLite, EventStoreDB) implements it and passes the same
 * contract suite (`testing/event-store.contract.ts`).
 *
 * Revisions are 0-based per stream. Positions are global, strictly increasing in commit order, and
 * opaque beyond that: callers compare and store them, never compute with them.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** `no_stream`: the stream must not exist; `stream_exists`: it must; `any`: no check; a bigint: the exact current revision. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

export interface Actor {
  sub: string;
  roles: string[];
}

export interface EventMetadata {
  /** When the ledger learned the fact (ISO 8601 UTC); as-of reads filter on it. */
  recordedAt: string;
  actor: Actor;
  /** sha256 of the previous event of the same stream, '' for the first. */
  prevHash: string;
  /** sha256(prevHash + canonical event); see hash-chain.ts. */
  hash: string;
  /** Set when the command carried an Idempotency-Key or a client-chosen id. */
  idempotencyKey?: string;
  /** Fingerprint of the command body, to tell a replay from a reuse of the key with another body. */
  requestHash?: string;
  [key: string]: unknown;
}

export interface EventToAppend {
  /** A UUID. Deterministic when derived from a client id, so a retried append is a no-op. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent<D = Record<string, unknown>> {
  streamId: string;
  revision: bigint;
  position: bigint;
  id: string;
  type: string;
  data: D;
  metadata: EventMetadata;
}

export interface AppendResult {
  /** Revision of the last event written (or found, for a replayed append). */
  nextRevision: bigint;
  /** Global position of the last event written (or found). */
  position: bigint;
}

export interface AllSubscriptionListener {
  /** Called with events in log order; the next batch waits until the promise settles. */
  onEvents(events: RecordedEvent[]): Promise<void>;
  /** Called whenever the subscription has delivered everything in the log (the log's head position). */
  onCaughtUp?(headPosition: bigint | undefined): Promise<void>;
  onError?(error: unknown): void;
}

export interface AllSubscription {
  stop(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream from a revision on, in order; [] when the stream does not exist. */
  readStream(streamId: string, options?: { fromRevision?: bigint; maxCount?: number }): Promise<RecordedEvent[]>;
  /** Events of the whole log strictly after `after` (from the start when undefined), in order. */
  readAll(options: { after?: bigint; maxCount: number }): Promise<RecordedEvent[]>;
  /** A catch-up subscription to the whole log, strictly after `after`; it wakes on append. */
  subscribeToAll(options: { after?: bigint; batchSize?: number }, listener: AllSubscriptionListener): AllSubscription;
  /** Position of the last event in the log, undefined when empty. */
  headPosition(): Promise<bigint | undefined>;
  close(): Promise<void>;
}

/** The expected revision did not match: the caller reloads and decides again, or answers 409. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id is already stored with other content or elsewhere: a retry that is not a replay. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} already exists with other content`);
    this.name = 'DuplicateEventIdError';
  }
}

export function checkExpected(streamId: string, expected: ExpectedRevision, current: bigint | undefined): void {
  const actual = current === undefined ? 'no_stream' : current;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

/**
 * The store could not be reached (connection refused or lost, server shutting down). Nothing was
 * acknowledged: an append may or may not have committed, so the caller answers 503 with
 * Retry-After and the client retries (with its Idempotency-Key, a retry of a committed append is a
 * replay, not a second write).
 */
export class EventStoreUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`event store unavailable: ${reason}`);
    this.name = 'EventStoreUnavailableError';
  }
}
