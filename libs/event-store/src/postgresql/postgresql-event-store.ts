import { Client, Pool, type PoolConfig, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';
import {
  AllSubscription,
  AllSubscriptionListener,
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  EventStoreUnavailableError,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  WrongExpectedRevisionError,
  checkExpected,
} from '../event-store.port';
import { migrate } from './migrations';

/** The channel appends NOTIFY on after they commit; subscriptions LISTEN on it. */
export const APPEND_CHANNEL = 'ledger_events_appended';
/** Events in one append at most: the ordinal is the low 16 bits of the position. */
export const MAX_EVENTS_PER_APPEND = 65_535;
const POSITION_FACTOR = 65_536n;
/** Serialization failures and deadlocks are retried this many times in all, with a short random wait. */
const MAX_TRANSIENT_ATTEMPTS = 8;
/** Concurrent appends to one stream with `any` or `stream_exists` race for the next revision; the loser tries again. */
const MAX_RACE_ATTEMPTS = 20;

export interface PostgresqlEventStoreOptions {
  /** postgres://user@host:port/database */
  connectionString: string;
  /** Connections in the pool (default 6). */
  poolSize?: number;
  /**
   * How often an idle subscription reads again without a notification (default 500 ms): the
   * fallback when a NOTIFY is lost (the appender died between commit and notify, the listening
   * connection dropped) or when the read horizon moved without an append (a long transaction that
   * does not append ended).
   */
  pollIntervalMs?: number;
  /** Extra pool settings (tests: `options` to change the isolation level). */
  pool?: Omit<PoolConfig, 'connectionString' | 'max'>;
  /** Apply the schema migrations on open (default true). */
  migrate?: boolean;
}

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: RecordedEvent['metadata'];
}

interface AppendRow {
  ok: boolean;
  current: string | null;
  next_revision: string | null;
  position: string | null;
}

const COLUMNS = 'position::text AS position, stream_id, revision::text AS revision, event_id, type, data, metadata';

/**
 * The first position no reader may reach yet: every transaction with a lower id has ended (it
 * committed or rolled back), so the rows below it are final. See docs/postgresql.md.
 */
const HORIZON = `(pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${POSITION_FACTOR})`;

/**
 * One statement, so one round trip and its own transaction: read the stream's revision, check the
 * expected revision, insert the events at the next revisions. The check's answer and the current
 * revision come back whether it passed or not (then nothing was inserted).
 */
const APPEND_SQL = `
  WITH cur AS (SELECT max(revision) AS r FROM ledger_events WHERE stream_id = $1),
  chk AS (
    SELECT r,
      CASE $2::text
        WHEN 'any' THEN true
        WHEN 'no_stream' THEN r IS NULL
        WHEN 'stream_exists' THEN r IS NOT NULL
        ELSE r IS NOT DISTINCT FROM $3::bigint
      END AS ok
    FROM cur
  ),
  ins AS (
    INSERT INTO ledger_events (position, stream_id, revision, event_id, type, data, metadata)
    SELECT pg_current_xact_id()::text::bigint * ${POSITION_FACTOR} + t.ord, $1, coalesce(chk.r, -1) + t.ord, t.id, t.type, t.data::json, t.metadata::json
    FROM chk, unnest($4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS t(id, type, data, metadata, ord)
    WHERE chk.ok
    ORDER BY t.ord
    RETURNING revision, position
  )
  SELECT chk.ok, chk.r::text AS current, (SELECT max(revision) FROM ins)::text AS next_revision, (SELECT max(position) FROM ins)::text AS position
  FROM chk`;

/**
 * The append as one statement (exported for the tests that hold an append's transaction open).
 * Its row: ok (the expected revision matched), current (the stream's revision before), and the
 * last revision and position written.
 */
export function appendStatement(streamId: string, events: EventToAppend[], expected: ExpectedRevision): { text: string; values: unknown[] } {
  return {
    text: APPEND_SQL,
    values: [
      streamId,
      typeof expected === 'bigint' ? 'exact' : expected,
      typeof expected === 'bigint' ? expected.toString() : null,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
    ],
  };
}

/**
 * The event store on PostgreSQL (the `postgres` profile), with the `pg` client.
 *
 * - Streams: revisions 0.. per stream, unique (stream_id, revision); the expected revision is
 *   checked and the events inserted in one statement. Two appends at the same revision: the
 *   unique index makes the second wait for the first and fail when it commits.
 * - Idempotency: event ids are unique; a retried append whose ids are stored already, in order, in
 *   the same stream answers the original result.
 * - Global order: positions are `transaction id × 65 536 + ordinal`, and readers see only rows
 *   below the oldest transaction still running. docs/postgresql.md states the guarantee (a reader
 *   never passes a position a transaction in flight will later fill) and its proof.
 * - Subscriptions wake on NOTIFY (sent after the commit, coalesced) and poll as the fallback.
 */
export class PostgresqlEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly pollIntervalMs: number;
  private closed = false;
  private readonly wakers = new Set<() => void>();
  private listener: Client | undefined;
  private listenerStarting: Promise<void> | undefined;
  private listenerRetry: NodeJS.Timeout | undefined;
  private notifyInFlight = false;
  private notifyAgain = false;
  /** Appends run again after a serialization failure or a deadlock, since open (for tests and metrics). */
  transientRetries = 0;

  private constructor(private readonly options: PostgresqlEventStoreOptions) {
    this.pool = new Pool({
      ...options.pool,
      connectionString: options.connectionString,
      max: options.poolSize ?? 6,
      keepAlive: true,
      connectionTimeoutMillis: options.pool?.connectionTimeoutMillis ?? 5000,
    });
    // An idle connection that breaks (the server restarted) must not crash the process.
    this.pool.on('error', () => undefined);
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  /** Connects, applies the schema migrations (under an advisory lock), and answers the store. */
  static async open(options: PostgresqlEventStoreOptions): Promise<PostgresqlEventStore> {
    const store = new PostgresqlEventStore(options);
    try {
      if (options.migrate !== false) await migrate(store.pool);
      else await store.pool.query('SELECT 1');
    } catch (error) {
      await store.pool.end().catch(() => undefined);
      const reason = unavailableReason(error) ?? (error instanceof AggregateError ? unavailableReason(error.errors[0]) : undefined);
      if (reason) throw new EventStoreUnavailableError(`PostgreSQL at ${describeServer(options.connectionString)} is not reachable (${reason}); check DATABASE_URL`);
      throw error;
    }
    return store;
  }

  /** For health checks, the migrator and the projector lock: the store's pool. */
  get connectionPool(): Pool {
    return this.pool;
  }

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) throw new Error('event store is closed');
    if (events.length === 0) throw new Error('append needs at least one event');
    if (events.length > MAX_EVENTS_PER_APPEND) throw new Error(`append takes at most ${MAX_EVENTS_PER_APPEND} events`);
    const statement = appendStatement(streamId, events, expected);
    for (let race = 1; ; race++) {
      let row: AppendRow;
      try {
        row = (await this.withTransientRetry(() => this.query<AppendRow>(statement))).rows[0];
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint === 'ledger_events_event_id') {
          const replay = await this.findReplay(streamId, events);
          if (replay) return replay;
          throw new DuplicateEventIdError(await this.firstTakenId(events));
        }
        if (constraint === 'ledger_events_stream_revision') {
          // Another append took the same revision and committed first.
          const replay = await this.findReplay(streamId, events);
          if (replay) return replay;
          if ((expected === 'any' || expected === 'stream_exists') && race < MAX_RACE_ATTEMPTS) continue;
          const current = await this.currentRevision(streamId);
          throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
        }
        throw error;
      }
      if (!row.ok) {
        const replay = await this.findReplay(streamId, events);
        if (replay) return replay;
        checkExpected(streamId, expected, row.current === null ? undefined : BigInt(row.current));
        throw new WrongExpectedRevisionError(streamId, expected, row.current === null ? 'no_stream' : BigInt(row.current));
      }
      this.notifySoon();
      return { nextRevision: BigInt(row.next_revision!), position: BigInt(row.position!) };
    }
  }

  /** A query on the pool; a lost or refused connection becomes EventStoreUnavailableError. */
  private async query<R extends QueryResultRow = QueryResultRow>(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>> {
    try {
      return await this.pool.query<R>(text as string, values);
    } catch (error) {
      const reason = unavailableReason(error);
      if (reason) throw new EventStoreUnavailableError(reason);
      throw error;
    }
  }

  /** Serialization failures (40001) and deadlocks (40P01) roll the whole statement back: run it again. */
  private async withTransientRetry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const code = (error as { code?: string } | null)?.code;
        if ((code === '40001' || code === '40P01') && attempt < MAX_TRANSIENT_ATTEMPTS) {
          this.transientRetries++;
          await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
          continue;
        }
        throw error;
      }
    }
  }

  private async currentRevision(streamId: string): Promise<bigint | undefined> {
    const { rows } = await this.query<{ r: string | null }>('SELECT max(revision)::text AS r FROM ledger_events WHERE stream_id = $1', [streamId]);
    return rows[0].r === null ? undefined : BigInt(rows[0].r);
  }

  /** A retried append: all its event ids stored, in order, at consecutive revisions of the same stream. */
  private async findReplay(streamId: string, events: EventToAppend[]): Promise<AppendResult | undefined> {
    const { rows } = await this.query<{ event_id: string; stream_id: string; revision: string; position: string; type: string }>(
      'SELECT event_id, stream_id, revision::text AS revision, position::text AS position, type FROM ledger_events WHERE event_id = ANY($1::text[])',
      [events.map((e) => e.id)],
    );
    if (rows.length === 0) return undefined;
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    const first = byId.get(events[0].id);
    if (!first) throw new DuplicateEventIdError(rows[0].event_id);
    let last = first;
    for (let i = 0; i < events.length; i++) {
      const row = byId.get(events[i].id);
      if (!row || row.stream_id !== streamId || BigInt(row.revision) !== BigInt(first.revision) + BigInt(i) || row.type !== events[i].type) {
        throw new DuplicateEventIdError(events[i].id);
      }
      last = row;
    }
    return { nextRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  private async firstTakenId(events: EventToAppend[]): Promise<string> {
    const { rows } = await this.query<{ event_id: string }>('SELECT event_id FROM ledger_events WHERE event_id = ANY($1::text[]) LIMIT 1', [events.map((e) => e.id)]);
    return rows[0]?.event_id ?? events[0].id;
  }

  async readStream(streamId: string, options: { fromRevision?: bigint; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM ledger_events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, (options.fromRevision ?? 0n).toString(), options.maxCount ?? 1_000_000],
    );
    return rows.map(toRecorded);
  }

  /** The log after `after`, only below the horizon: never a position a transaction in flight may still fill. */
  async readAll(options: { after?: bigint; maxCount: number }): Promise<RecordedEvent[]> {
    const { rows } = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM ledger_events WHERE position > $1 AND position < ${HORIZON} ORDER BY position LIMIT $2`,
      [(options.after ?? 0n).toString(), options.maxCount],
    );
    return rows.map(toRecorded);
  }

  /** The last position readers may reach now (below the horizon). */
  async headPosition(): Promise<bigint | undefined> {
    const { rows } = await this.query<{ p: string | null }>(`SELECT max(position)::text AS p FROM ledger_events WHERE position < ${HORIZON}`);
    return rows[0].p === null ? undefined : BigInt(rows[0].p);
  }

  subscribeToAll(options: { after?: bigint; batchSize?: number }, listener: AllSubscriptionListener): AllSubscription {
    let after = options.after;
    let stopped = false;
    let wake: (() => void) | undefined;
    const waker = () => wake?.();
    this.wakers.add(waker);
    void this.ensureListening();
    const batchSize = options.batchSize ?? 1000;
    const done = (async () => {
      while (!stopped && !this.closed) {
        try {
          const waiting = new Promise<void>((resolve) => (wake = resolve));
          const events = await this.readAll({ after, maxCount: batchSize });
          if (events.length > 0) {
            await listener.onEvents(events);
            after = events[events.length - 1].position;
            continue;
          }
          await listener.onCaughtUp?.(after);
          if (stopped) break;
          // A notification since the read above has resolved `waiting` already.
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([waiting, new Promise<void>((r) => (timer = setTimeout(r, this.pollIntervalMs)))]);
          clearTimeout(timer);
        } catch (error) {
          if (stopped || this.closed) break;
          listener.onError?.(error);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        this.wakers.delete(waker);
        wake?.();
        await done;
      },
    };
  }

  /** NOTIFY after the commit, at most one in flight: appends that commit meanwhile share the next one. */
  private notifySoon(): void {
    if (this.notifyInFlight) {
      this.notifyAgain = true;
      return;
    }
    this.notifyInFlight = true;
    this.pool
      .query('SELECT pg_notify($1, $2)', [APPEND_CHANNEL, ''])
      .catch(() => undefined) // the subscriptions' polling covers a lost notification
      .finally(() => {
        this.notifyInFlight = false;
        if (this.notifyAgain && !this.closed) {
          this.notifyAgain = false;
          this.notifySoon();
        }
      });
    // This process's own subscriptions need no round trip.
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const w of this.wakers) w();
  }

  /** One LISTEN connection per store, opened with the first subscription, reopened when it drops. */
  private ensureListening(): Promise<void> {
    if (this.listener || this.listenerStarting || this.closed) return this.listenerStarting ?? Promise.resolve();
    this.listenerStarting = (async () => {
      const client = new Client({ ...this.options.pool, connectionString: this.options.connectionString, keepAlive: true });
      const reopen = () => {
        if (this.listener !== client) return;
        this.listener = undefined;
        client.end().catch(() => undefined);
        if (!this.closed) this.listenerRetry = setTimeout(() => void this.ensureListening(), 1000);
        // Whatever was notified while we were not listening, the subscriptions read now.
        this.wakeAll();
      };
      client.on('error', reopen);
      client.on('end', reopen);
      client.on('notification', () => this.wakeAll());
      try {
        await client.connect();
        await client.query(`LISTEN ${APPEND_CHANNEL}`);
        if (this.closed) {
          await client.end();
          return;
        }
        this.listener = client;
        this.wakeAll();
      } catch {
        client.end().catch(() => undefined);
        if (!this.closed) this.listenerRetry = setTimeout(() => void this.ensureListening(), 1000);
      }
    })().finally(() => (this.listenerStarting = undefined));
    return this.listenerStarting;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.listenerRetry);
    this.wakeAll();
    await this.listenerStarting;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

/** host:port/database of a connection string, without user or password. */
export function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Connection failures: refused, reset, timed out, terminated, the server shutting down or full. */
export function unavailableReason(error: unknown): string | undefined {
  const e = error as { code?: string; message?: string } | null;
  if (!e || typeof e !== 'object') return undefined;
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code)) return code;
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return `SQLSTATE ${code}`;
  const message = e.message ?? '';
  if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i.test(message)) return message;
  return undefined;
}

/** The constraint a unique violation (23505) broke, or undefined for any other error. */
function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' ? (e.constraint ?? 'unknown') : undefined;
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  };
}

/**
 * Start-up check: connects once and runs `SELECT 1`. Throws EventStoreUnavailableError with one
 * line naming the server (without user or password) when it does not answer.
 */
export async function checkReachable(connectionString: string, timeoutMs = 5000): Promise<void> {
  const client = new Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = unavailableReason(error) ?? (error instanceof Error ? error.message : String(error));
    throw new EventStoreUnavailableError(`PostgreSQL at ${describeServer(connectionString)} is not reachable (${reason}); check DATABASE_URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
