/**
 * The `distributed` event store: EventStoreDB through `@eventstore/db-client` (v6).
 *
 * Every import of the client library lives in this file (and its spec), so moving to
 * `@kurrent/kurrentdb-client` changes one file; see README.md next to it for what differs.
 *
 * Server requirements: EventStoreDB >= 23.10. Stream reads must carry the `$all` position of each
 * event (server >= 22.6), and catch-up subscriptions must send `caughtUp` (server >= 23.10).
 *
 * This adapter has been type-checked against the client's declarations only: no server could be
 * run where it was written. The shared contract suite runs against a real server whenever
 * EVENTSTORE_CONNECTION_STRING is set (see README.md).
 */
import {
  ANY,
  AppendExpectedRevision,
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  CurrentRevision,
  END,
  EventStoreDBClient,
  FORWARDS,
  Filter,
  NO_STREAM,
  Position as EsdbPosition,
  ReadPosition,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  StreamingRead,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  AllSubscription,
  AllSubscriptionListener,
  AppendResult,
  DuplicateEventIdError,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';

export interface EventStoreDbEventStoreOptions {
  /**
   * Restrict readAll, subscribeToAll and headPosition to streams whose name starts with one of
   * these prefixes (e.g. ['absence-', 'employee-']). System events are excluded either way.
   */
  streamPrefixes?: string[];
  /** Passed to the server-side subscription filter: a checkpoint every `checkpointInterval` search windows. Default 1. */
  checkpointInterval?: number;
  /** Events buffered from a subscription before its gRPC stream is paused. Default 2000. */
  subscriptionHighWaterMark?: number;
}

/** Streams that record which stream claimed an event id (see `append`). */
export const EVENT_ID_CLAIM_STREAM_PREFIX = 'ledger-event-id-';
/**
 * Type of the claim events. The `$` prefix makes them system events: excluded by the server-side
 * `excludeSystemEvents()` filter and by this adapter's own reads, so projections never see them.
 */
export const EVENT_ID_CLAIM_TYPE = '$ledger-event-id-claimed';

/** The server reports this (2^64 - 1) when it has no `$all` position for an event. */
export const NO_POSITION = 18446744073709551615n;

const READ_PAGE = 256;

// ---------------------------------------------------------------------------------------------
// Small pure mappings (unit-tested without a server)
// ---------------------------------------------------------------------------------------------

/** The port's expected revision as the client's `expectedRevision` append option. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      if (typeof expected !== 'bigint' || expected < 0n) throw new Error(`invalid expected revision ${String(expected)}`);
      return expected;
  }
}

/** The client's current revision (from a WrongExpectedVersionError) as the port's `actual`. */
export function fromEsdbCurrentRevision(current: CurrentRevision | undefined): bigint | 'no_stream' {
  return typeof current === 'bigint' && current >= 0n ? current : 'no_stream';
}

export function toWrongExpectedRevisionError(
  streamId: string,
  expected: ExpectedRevision,
  error: WrongExpectedVersionError,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(streamId, expected, fromEsdbCurrentRevision(error.actualVersion));
}

/**
 * Where a read of `$all` starts so that it covers every event strictly after the commit position
 * `after` (the port keeps only the commit half of EventStoreDB's {commit, prepare} position).
 *
 * Decision: start at {commit: after, prepare: after}, read inclusively, and drop every event whose
 * commit position is <= `after` (`isAfter`). This needs no cache and no extra round trip:
 * - every position this adapter hands out is the commit position of a real event, so `after` is a
 *   record boundary in the transaction log and a valid place to start reading;
 * - an event's prepare position is never above its commit position, so every event with
 *   commit > after sorts after {after, after} (positions compare commit first) and is read;
 * - events whose true prepare differs from their commit (explicit transactions; batch appends on
 *   servers before 20.6.1, which reported the transaction start as prepare) all have
 *   commit <= after if their commit is `after`, so skipping them is what "strictly after" means.
 * The limit: a bigint that is not the commit position of some event (a made-up number, or a raw
 * subscription checkpoint) may point into the middle of a record; the server rejects such a read.
 * That is why checkpoints are converted before they are reported (see `lastEventBefore`).
 */
export function toReadPosition(after: bigint | undefined): ReadPosition {
  return after === undefined ? START : { commit: after, prepare: after };
}

/** True when `position` is strictly after `after` (everything is after `undefined`). */
export function isAfter(position: bigint, after: bigint | undefined): boolean {
  return after === undefined || position > after;
}

/** The commit half of a client position, or undefined when the server sent none. */
export function commitOf(position: EsdbPosition | undefined): bigint | undefined {
  if (!position) return undefined;
  const commit = position.commit;
  return commit < 0n || commit >= NO_POSITION ? undefined : commit;
}

/** The `$all` commit position of a resolved event, from the record or else from the envelope. */
export function commitPositionOf(resolved: Pick<ResolvedEvent, 'event' | 'commitPosition'>): bigint | undefined {
  const fromRecord = commitOf(resolved.event?.position);
  if (fromRecord !== undefined) return fromRecord;
  const c = resolved.commitPosition;
  return c === undefined || c < 0n || c >= NO_POSITION ? undefined : c;
}

/** System events: `$`-prefixed event types (`$metadata`, `$>` links, claims) or `$`-prefixed streams. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** What readAll, subscribeToAll and headPosition deliver: no system events, and only `prefixes` when given. */
export function isVisible(streamId: string, type: string, prefixes?: readonly string[]): boolean {
  if (isSystemEvent(streamId, type)) return false;
  return !prefixes || prefixes.length === 0 || prefixes.some((p) => streamId.startsWith(p));
}

export function claimStreamFor(eventId: string): string {
  return `${EVENT_ID_CLAIM_STREAM_PREFIX}${eventId.toLowerCase()}`;
}

/** Reconnect backoff after a subscription error: 100 ms doubling to 5 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt), 5000);
}

function parseJsonObject(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  try {
    if (value instanceof Uint8Array) parsed = JSON.parse(Buffer.from(value).toString('utf8'));
    else if (typeof value === 'string') parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/**
 * A resolved event as the port's RecordedEvent. Throws when the event has no `$all` position (server
 * older than 22.6) or its data/metadata are not JSON objects; returns undefined for an empty slot
 * (a link to a deleted event).
 */
export function toRecordedEvent(resolved: Pick<ResolvedEvent, 'event' | 'commitPosition'>): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e) return undefined;
  const position = commitPositionOf(resolved);
  if (position === undefined) {
    throw new Error(
      `event ${e.id} in ${e.streamId} came without its $all position: EventStoreDB >= 22.6 is required`,
    );
  }
  const data = parseJsonObject(e.data);
  const metadata = parseJsonObject(e.metadata);
  if (!data || !metadata) throw new Error(`event ${e.id} in ${e.streamId} is not a JSON ledger event`);
  return {
    streamId: e.streamId,
    revision: e.revision,
    position,
    id: e.id,
    type: e.type,
    data,
    metadata: metadata as EventMetadata,
  };
}

/**
 * For reads of `$all`: the event when it is visible (see `isVisible`) and a JSON ledger event,
 * otherwise undefined. Events of other applications sharing the server (binary data, non-object
 * JSON) are skipped rather than failing the whole read: they cannot be ledger events, which this
 * adapter always writes as JSON objects.
 */
export function toVisibleEvent(
  resolved: Pick<ResolvedEvent, 'event' | 'commitPosition'>,
  prefixes?: readonly string[],
): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || !isVisible(e.streamId, e.type, prefixes)) return undefined;
  if (!parseJsonObject(e.data) || !parseJsonObject(e.metadata)) return undefined;
  return toRecordedEvent(resolved);
}

/**
 * Decides whether an append whose ids were already claimed by this stream is a replay. `stored`
 * holds the events of the stream carrying one of the ids (keyed by lower-cased id). A replay is
 * all ids stored, in order, at consecutive revisions, with the same types: it answers the original
 * result. Some but not all, or elsewhere, is a reuse: DuplicateEventIdError. None: not a replay.
 */
export function matchReplay(events: EventToAppend[], stored: Map<string, RecordedEvent>): AppendResult | undefined {
  if (stored.size === 0) return undefined;
  const first = stored.get(events[0].id.toLowerCase());
  if (!first) {
    const reused = events.find((e) => stored.has(e.id.toLowerCase()));
    throw new DuplicateEventIdError((reused ?? events[0]).id);
  }
  let last = first;
  events.forEach((e, i) => {
    const row = stored.get(e.id.toLowerCase());
    if (!row || row.revision !== first.revision + BigInt(i) || row.type !== e.type) throw new DuplicateEventIdError(e.id);
    last = row;
  });
  return { nextRevision: last.revision, position: last.position };
}

// ---------------------------------------------------------------------------------------------
// Ordering of subscription events and markers
// ---------------------------------------------------------------------------------------------

export type SubscriptionMarker =
  | { kind: 'caughtUp' }
  | { kind: 'fellBehind' }
  | { kind: 'checkpoint'; position: EsdbPosition };

export type SubscriptionItem<E> = { kind: 'event'; event: E } | SubscriptionMarker;

/**
 * Keeps subscription events and markers (caughtUp, fellBehind, checkpoints) in log order.
 *
 * The client emits `caughtUp` and calls `checkpointReached` from inside its Transform, while events
 * pushed before them may still wait in the Readable buffer (paused for backpressure). A marker is
 * therefore held back until the `eventsStillBuffered` events ahead of it (the stream's
 * readableLength when the marker arrived) have come through `pushEvent`.
 */
export class SubscriptionBuffer<E> {
  private readonly items: SubscriptionItem<E>[] = [];
  private readonly held: Array<{ remaining: number; marker: SubscriptionMarker }> = [];
  private events = 0;

  pushEvent(event: E): void {
    this.items.push({ kind: 'event', event });
    this.events++;
    for (const h of this.held) h.remaining--;
    this.release();
  }

  pushMarker(marker: SubscriptionMarker, eventsStillBuffered: number): void {
    this.held.push({ remaining: Math.max(0, eventsStillBuffered), marker });
    this.release();
  }

  /** Up to `max` consecutive events from the front; [] when a marker is next or nothing is ready. */
  takeEvents(max: number): E[] {
    const out: E[] = [];
    while (out.length < max && this.items.length > 0 && this.items[0].kind === 'event') {
      const item = this.items.shift() as { kind: 'event'; event: E };
      out.push(item.event);
      this.events--;
    }
    return out;
  }

  /** The marker at the front, removed; undefined when an event is next or nothing is ready. */
  takeMarker(): SubscriptionMarker | undefined {
    if (this.items.length === 0 || this.items[0].kind === 'event') return undefined;
    return this.items.shift() as SubscriptionMarker;
  }

  get nextKind(): SubscriptionItem<E>['kind'] | undefined {
    return this.items[0]?.kind;
  }

  get bufferedEvents(): number {
    return this.events;
  }

  /** Nothing ready and nothing held back. */
  get isEmpty(): boolean {
    return this.items.length === 0 && this.held.length === 0;
  }

  private release(): void {
    while (this.held.length > 0 && this.held[0].remaining <= 0) this.items.push(this.held.shift()!.marker);
  }
}

async function collect<T>(read: StreamingRead<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The adapter
// ---------------------------------------------------------------------------------------------

export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly prefixes: string[] | undefined;
  private readonly checkpointInterval: number;
  private readonly highWaterMark: number;
  private readonly subscriptions = new Set<AllSubscriptionRunner>();
  private closed = false;

  constructor(connectionString: string, options: EventStoreDbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.prefixes = options.streamPrefixes && options.streamPrefixes.length > 0 ? [...options.streamPrefixes] : undefined;
    this.checkpointInterval = options.checkpointInterval ?? 1;
    this.highWaterMark = options.subscriptionHighWaterMark ?? 2000;
  }

  /**
   * Appends with the expected revision checked by the server.
   *
   * Event ids. EventStoreDB deduplicates a retried write only within one stream (same ids at the
   * same expected revision answers success without writing), and it has no index of event ids
   * across streams. The contract also demands DuplicateEventIdError for an id reused in another
   * stream, so before writing, each event id is claimed in its own stream
   * `ledger-event-id-<id>` (one `$ledger-event-id-claimed` event recording the owning stream,
   * written with expected revision no_stream, so of two racing claims exactly one wins):
   * - claimed by another stream: DuplicateEventIdError, nothing written;
   * - claimed earlier by this stream: a retry; the stream is searched for the ids and a complete
   *   match answers the original revision and position without writing (`matchReplay`).
   * Honest limits of this scheme:
   * - a claim and the append are two writes, not one transaction: when the append then fails
   *   (conflict, crash) the id stays claimed by that stream. A retry into the same stream works;
   *   the id can never be used in another stream, which is the rule anyway.
   * - it costs one extra write per event, plus one read of the claim when it already exists, and
   *   a backwards scan of the stream for a retried append;
   * - it only sees writes made through this adapter: events appended by other tools are unknown to
   *   it (their ids are not claimed).
   */
  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new Error('append needs at least one event');
    const expectedRevision = toEsdbExpectedRevision(expected);

    const retried = await this.claimEventIds(streamId, events);
    if (retried) {
      const replay = matchReplay(events, await this.findStored(streamId, events));
      if (replay) return replay;
    }

    let result;
    try {
      result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw toWrongExpectedRevisionError(streamId, expected, error);
      throw error;
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false in the connection string.
      throw new WrongExpectedRevisionError(streamId, expected, await this.currentRevision(streamId));
    }
    const position = commitOf(result.position);
    if (position !== undefined) return { nextRevision: result.nextExpectedRevision, position };
    // An idempotent write (a concurrent retry that got past the claim check) can be answered
    // without a position: read the original events back.
    const replay = matchReplay(events, await this.findStored(streamId, events));
    if (replay) return replay;
    throw new Error(`append to ${streamId} was acknowledged without a position and its events cannot be found`);
  }

  /** Claims every event id for `streamId`; true when at least one was already claimed by it. */
  private async claimEventIds(streamId: string, events: EventToAppend[]): Promise<boolean> {
    const outcomes = await Promise.allSettled(events.map((e) => this.claimEventId(streamId, e.id)));
    let retried = false;
    for (const o of outcomes) {
      if (o.status === 'rejected') throw o.reason;
      retried ||= o.value === 'already-mine';
    }
    return retried;
  }

  private async claimEventId(streamId: string, eventId: string): Promise<'claimed' | 'already-mine'> {
    const claimStream = claimStreamFor(eventId);
    try {
      const r = await this.client.appendToStream(
        claimStream,
        jsonEvent({ type: EVENT_ID_CLAIM_TYPE, data: { streamId, eventId } }),
        { expectedRevision: NO_STREAM },
      );
      if (r.success) return 'claimed';
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    const [claim] = await this.readStreamRaw(claimStream, { fromRevision: START, maxCount: 1 });
    const owner = parseJsonObject(claim?.event?.data)?.streamId;
    if (owner !== streamId) throw new DuplicateEventIdError(eventId);
    return 'already-mine';
  }

  /** The events of `streamId` carrying one of the ids, scanning backwards until all are found. */
  private async findStored(streamId: string, events: EventToAppend[]): Promise<Map<string, RecordedEvent>> {
    const wanted = new Set(events.map((e) => e.id.toLowerCase()));
    const found = new Map<string, RecordedEvent>();
    let from: bigint | typeof END = END;
    while (found.size < wanted.size) {
      const page = await this.readStreamRaw(streamId, { fromRevision: from, maxCount: READ_PAGE, direction: BACKWARDS });
      for (const resolved of page) {
        const id = resolved.event?.id.toLowerCase();
        if (id && wanted.has(id)) {
          const recorded = toRecordedEvent(resolved);
          if (recorded) found.set(id, recorded);
        }
      }
      const oldest = page[page.length - 1]?.event?.revision;
      if (page.length < READ_PAGE || oldest === undefined || oldest === 0n) break;
      from = oldest - 1n;
    }
    return found;
  }

  private async currentRevision(streamId: string): Promise<bigint | 'no_stream'> {
    const [last] = await this.readStreamRaw(streamId, { fromRevision: END, maxCount: 1, direction: BACKWARDS });
    return last?.event ? last.event.revision : 'no_stream';
  }

  private async readStreamRaw(
    streamId: string,
    options: { fromRevision: bigint | typeof START | typeof END; maxCount?: number; direction?: typeof FORWARDS | typeof BACKWARDS },
  ): Promise<ResolvedEvent[]> {
    try {
      return await collect(this.client.readStream(streamId, options));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  async readStream(streamId: string, options: { fromRevision?: bigint; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const resolved = await this.readStreamRaw(streamId, {
      fromRevision: options.fromRevision ?? START,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      direction: FORWARDS,
    });
    const out: RecordedEvent[] = [];
    for (const r of resolved) {
      const recorded = toRecordedEvent(r);
      if (recorded) out.push(recorded);
    }
    return out;
  }

  /**
   * Events strictly after `after`, at most maxCount. The client (v6) cannot filter reads of $all
   * on the server, so system events (and, with streamPrefixes, other streams) are dropped here and
   * further pages are read until maxCount visible events are found or the log ends.
   */
  async readAll(options: { after?: bigint; maxCount: number }): Promise<RecordedEvent[]> {
    this.assertOpen();
    const out: RecordedEvent[] = [];
    if (options.maxCount <= 0) return out;
    const pageSize = Math.max(options.maxCount + 1, READ_PAGE);
    let from = toReadPosition(options.after);
    let cursor = options.after;
    while (out.length < options.maxCount) {
      const page = await collect(this.client.readAll({ fromPosition: from, maxCount: pageSize, direction: FORWARDS }));
      for (const resolved of page) {
        const position = commitPositionOf(resolved);
        if (position === undefined || !isAfter(position, cursor)) continue;
        const recorded = toVisibleEvent(resolved, this.prefixes);
        if (recorded) out.push(recorded);
        if (out.length >= options.maxCount) break;
      }
      const lastRaw = page[page.length - 1];
      const lastPosition = lastRaw?.event?.position;
      const lastCommit = lastRaw ? commitPositionOf(lastRaw) : undefined;
      if (page.length < pageSize || !lastPosition || lastCommit === undefined) break;
      // Continue from the exact position of the last raw event read (inclusive, skipped by cursor).
      from = lastPosition;
      cursor = lastCommit;
    }
    return out;
  }

  async headPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    let from: ReadPosition = END;
    while (true) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ fromPosition: from, maxCount: READ_PAGE, direction: BACKWARDS }),
      );
      for (const resolved of page) {
        if (toVisibleEvent(resolved, this.prefixes)) return commitPositionOf(resolved);
      }
      const oldest: EsdbPosition | undefined = page[page.length - 1]?.event?.position;
      if (page.length < READ_PAGE || !oldest) return undefined;
      from = oldest; // re-reading `oldest` (if the server counts the start) only repeats one invisible event
    }
  }

  /**
   * The commit position of the last event (of any kind) strictly before a subscription checkpoint.
   *
   * A checkpoint is where the server's filtered scan of the log has got to, typically the position
   * at which the NEXT record will be written. Reporting it as-is would be wrong: resuming "strictly
   * after" it would skip an event written exactly there, and as a start position it need not be
   * the position of an event. The last event before it is both safe (everything up to it was
   * delivered or filtered out) and a valid place to resume from, and it is >= headPosition() when
   * caught up, so an idle store shows no lag.
   */
  async lastEventBefore(checkpoint: EsdbPosition): Promise<bigint | undefined> {
    // Two, and a strict comparison, so the answer is below the checkpoint whether or not the
    // server counts the start position in a backwards read.
    const page = await collect(this.client.readAll({ fromPosition: checkpoint, maxCount: 2, direction: BACKWARDS }));
    for (const resolved of page) {
      const commit = commitPositionOf(resolved);
      if (commit !== undefined && commit < checkpoint.commit) return commit;
    }
    return undefined;
  }

  subscribeToAll(options: { after?: bigint; batchSize?: number }, listener: AllSubscriptionListener): AllSubscription {
    this.assertOpen();
    const runner = new AllSubscriptionRunner(
      {
        subscribe: (fromPosition, checkpointReached) =>
          this.client.subscribeToAll({ fromPosition, filter: this.subscriptionFilter(checkpointReached) }),
        toEvent: (resolved) => toVisibleEvent(resolved, this.prefixes),
        lastEventBefore: (checkpoint) => this.lastEventBefore(checkpoint),
        highWaterMark: this.highWaterMark,
      },
      options,
      listener,
      () => this.subscriptions.delete(runner),
    );
    this.subscriptions.add(runner);
    runner.start();
    return { stop: () => runner.stop() };
  }

  private subscriptionFilter(checkpointReached: (position: EsdbPosition) => void): Filter {
    const common = {
      checkpointInterval: this.checkpointInterval,
      checkpointReached: (_subscription: AllStreamSubscription, position: EsdbPosition) => checkpointReached(position),
    };
    return this.prefixes ? streamNameFilter({ prefixes: this.prefixes, ...common }) : excludeSystemEvents(common);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

interface RunnerDeps {
  subscribe(fromPosition: ReadPosition, checkpointReached: (position: EsdbPosition) => void): AllStreamSubscription;
  toEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
  lastEventBefore(checkpoint: EsdbPosition): Promise<bigint | undefined>;
  highWaterMark: number;
}

/**
 * One catch-up subscription to $all: delivers batches in order, awaiting the listener (the gRPC
 * stream is paused while the buffer is full), reports caught-up, and reconnects with backoff after
 * an error, resuming strictly after the last position it delivered.
 */
class AllSubscriptionRunner {
  private last: bigint | undefined;
  private readonly batchSize: number;
  private stopped = false;
  private attempt = 0;
  private current: AllStreamSubscription | undefined;
  private endCurrent: (() => void) | undefined;
  private wakeBackoff: (() => void) | undefined;
  private draining: Promise<void> | undefined;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: RunnerDeps,
    options: { after?: bigint; batchSize?: number },
    private readonly listener: AllSubscriptionListener,
    private readonly onStopped: () => void,
  ) {
    this.last = options.after;
    this.batchSize = Math.max(1, options.batchSize ?? 1000);
  }

  start(): void {
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.wakeBackoff?.();
      this.endCurrent?.();
      const sub = this.current;
      this.current = undefined;
      if (sub) await sub.unsubscribe().catch(() => undefined);
    }
    await this.done;
    await this.draining;
    this.onStopped();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runOnce();
      } catch (error) {
        if (this.stopped) break;
        this.listener.onError?.(error);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, reconnectDelay(this.attempt++));
          this.wakeBackoff = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeBackoff = undefined;
      }
    }
  }

  /** One connection: resolves when stopped, rejects when the subscription or the listener fails. */
  private runOnce(): Promise<void> {
    const buffer = new SubscriptionBuffer<AllStreamResolvedEvent>();
    let live = false;
    let paused = false;
    let failed = false;
    let sub: AllStreamSubscription | undefined;

    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        this.endCurrent = undefined;
        if (sub && this.current === sub) this.current = undefined;
        if (error === undefined || this.stopped) {
          resolve();
          return;
        }
        failed = true;
        const s = sub;
        const finish = () => reject(error);
        // Wait for a delivery in progress before reconnecting, so batches never overlap.
        void Promise.resolve(this.draining)
          .catch(() => undefined)
          .then(() => (s ? s.unsubscribe().catch(() => undefined) : undefined))
          .then(finish);
      };
      this.endCurrent = () => settle();

      const drain = async (): Promise<void> => {
        while (!this.stopped && !failed) {
          if (paused && buffer.bufferedEvents < this.deps.highWaterMark / 2) {
            paused = false;
            sub?.resume();
          }
          const kind = buffer.nextKind;
          if (kind === undefined) return;
          if (kind === 'event') {
            const batch: RecordedEvent[] = [];
            for (const resolved of buffer.takeEvents(this.batchSize)) {
              const recorded = this.deps.toEvent(resolved);
              if (recorded && isAfter(recorded.position, this.last)) batch.push(recorded);
            }
            if (batch.length > 0) {
              await this.listener.onEvents(batch);
              this.last = batch[batch.length - 1].position;
              this.attempt = 0;
              if (live && buffer.isEmpty && (sub?.readableLength ?? 0) === 0) await this.listener.onCaughtUp?.(this.last);
            }
            continue;
          }
          const marker = buffer.takeMarker()!;
          if (marker.kind === 'caughtUp') {
            live = true;
            this.attempt = 0;
            await this.listener.onCaughtUp?.(this.last);
          } else if (marker.kind === 'fellBehind') {
            live = false;
          } else if (live) {
            const before = await this.deps.lastEventBefore(marker.position);
            if (before !== undefined && isAfter(before, this.last)) this.last = before;
            await this.listener.onCaughtUp?.(this.last);
          }
        }
      };
      const kick = () => {
        if (this.draining || this.stopped || failed) return;
        this.draining = drain()
          .catch((error: unknown) => settle(error))
          .finally(() => {
            this.draining = undefined;
            if (buffer.nextKind !== undefined && !settled) kick();
          });
      };

      try {
        sub = this.deps.subscribe(toReadPosition(this.last), (position) => {
          buffer.pushMarker({ kind: 'checkpoint', position }, sub?.readableLength ?? 0);
          kick();
        });
      } catch (error) {
        settle(error);
        return;
      }
      this.current = sub;
      const s = sub;
      s.on('data', (resolved: AllStreamResolvedEvent) => {
        buffer.pushEvent(resolved);
        if (!paused && buffer.bufferedEvents >= this.deps.highWaterMark) {
          paused = true;
          s.pause();
        }
        kick();
      });
      s.on('caughtUp', () => {
        buffer.pushMarker({ kind: 'caughtUp' }, s.readableLength);
        kick();
      });
      s.on('fellBehind', () => {
        buffer.pushMarker({ kind: 'fellBehind' }, s.readableLength);
        kick();
      });
      s.on('error', (error: Error) => settle(error));
      s.on('end', () => settle(new Error('subscription to $all ended')));
      s.on('close', () => settle(new Error('subscription to $all closed')));
      if (this.stopped) settle();
    });
  }
}
