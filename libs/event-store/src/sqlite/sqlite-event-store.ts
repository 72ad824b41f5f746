import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  AllSubscription,
  AllSubscriptionListener,
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  WrongExpectedRevisionError,
  checkExpected,
} from '../event-store.port';
import { deepFreeze } from '../deep-freeze';
import { WalCheckpointer, openSqlite } from '@ledger/sqlite';

interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
  /** The rows this append inserted (set once all of them are in; not for a replay). */
  written?: EventRow[];
}

/**
 * Appended events kept in memory for the subscriptions that follow the head: every projection
 * reads each new event right after it is appended, and without this each of them queried and
 * JSON-parsed the same rows again. A few thousand suffice; older positions come from the file,
 * and readAll (audits, rebuilds) always reads the file.
 */
const RECENT_EVENTS = 4096;

/** Streams whose last revision readTail keeps (about 100 bytes each). */
const MAX_KNOWN_HEADS = 100_000;

interface RecentEvent {
  row: EventRow;
  /** Parsed on the first read and shared by every reader after it (frozen: events are facts). */
  parsed?: RecordedEvent;
}

interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

export interface SqliteEventStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /**
   * `FULL` (default) fsyncs the WAL on every commit: an answered append survives power loss.
   * `NORMAL` survives a process crash (kill -9) but not power loss. Group commit keeps FULL affordable.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * Checkpoint the WAL from a worker thread (default true for a file): appends never wait for a
   * checkpoint's copy and fsync of the database file. False: SQLite's autocheckpoint on this
   * connection.
   */
  backgroundCheckpoints?: boolean;
}

/**
 * The embedded event store: one SQLite file in WAL mode.
 *
 * Durability: appends are answered only after their transaction committed with
 * `synchronous=FULL`, so a 2xx survives `kill -9` and power loss. Group commit: appends that
 * arrive in the same turn of the event loop are written in one transaction (one fsync); each
 * append is checked and written inside its own savepoint, so one conflict never fails the others.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly emitter = new EventEmitter();
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  /** This store's own appends, contiguous in position, the last RECENT_EVENTS or so. */
  private recent: RecentEvent[] = [];
  private checkpointer: WalCheckpointer | undefined;
  /**
   * The last revision of streams read from a revision on (a reader that keeps a folded state and
   * asks only for what came after it, like the command path's master data), kept up to date by
   * this store's own appends. Valid while no other connection has written (PRAGMA data_version);
   * then it starts over.
   */
  private readonly knownHeads = new Map<string, bigint>();
  private dataVersion: number | undefined;

  private readonly stmt: {
    currentRevision: Database.Statement<[string], { revision: bigint }>;
    insert: Database.Statement<[string, bigint, string, string, string, string]>;
    findById: Database.Statement<[string], EventRow>;
    readStream: Database.Statement<[string, bigint, number], EventRow>;
    readAll: Database.Statement<[bigint, number], EventRow>;
    head: Database.Statement<[], { position: bigint | null }>;
    dataVersion: Database.Statement<[], number>;
  };
  private readonly writeBatch: (batch: PendingAppend[]) => Array<AppendResult | Error>;

  constructor(options: SqliteEventStoreOptions) {
    ({ db: this.db, checkpointer: this.checkpointer } = openSqlite({
      file: options.file,
      synchronous: options.synchronous ?? 'FULL',
      backgroundCheckpoints: options.backgroundCheckpoints,
    }));
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON events (event_id);
    `);
    const prepare = <P extends unknown[], R = unknown>(sql: string) =>
      this.db.prepare<P, R>(sql).safeIntegers(true) as Database.Statement<P, R>;
    this.stmt = {
      currentRevision: prepare('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      findById: prepare('SELECT * FROM events WHERE event_id = ?'),
      readStream: prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?'),
      readAll: prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: prepare('SELECT MAX(position) AS position FROM events'),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
    };

    const insertAppend = this.db.transaction((p: PendingAppend): AppendResult => {
      const row = this.stmt.currentRevision.get(p.streamId);
      checkExpected(p.streamId, p.expected, row?.revision);
      let revision = row === undefined ? -1n : row.revision;
      let position = 0n;
      const written: EventRow[] = [];
      for (const e of p.events) {
        revision += 1n;
        const data = JSON.stringify(e.data);
        const metadata = JSON.stringify(e.metadata);
        const info = this.stmt.insert.run(p.streamId, revision, e.id, e.type, data, metadata);
        position = BigInt(info.lastInsertRowid);
        written.push({ position, stream_id: p.streamId, revision, event_id: e.id, type: e.type, data, metadata });
      }
      p.written = written;
      return { nextRevision: revision, position };
    });
    // A retried append (its event ids stored already) answers what it answered the first time. It
    // can only be one when the expected revision no longer matches or an event id is taken, so the
    // ids are looked up then, after the savepoint rolled back, not before every append.
    const appendOne = (p: PendingAppend): AppendResult => {
      try {
        return insertAppend(p);
      } catch (error) {
        p.written = undefined;
        if (!(error instanceof WrongExpectedRevisionError) && !isEventIdTaken(error)) throw error;
        const replay = this.findReplay(p);
        if (replay) return replay;
        throw error;
      }
    };
    // The outer transaction is the group commit; appendOne nests as a savepoint per append.
    this.writeBatch = this.db.transaction((batch: PendingAppend[]) =>
      batch.map((p) => {
        try {
          return appendOne(p);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let results: Array<AppendResult | Error>;
    try {
      results = this.writeBatch(batch);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    let wrote = false;
    batch.forEach((p, i) => {
      const r = results[i];
      if (r instanceof Error) p.reject(r);
      else {
        wrote = true;
        if (p.written) {
          this.remember(p.written);
          if (this.knownHeads.has(p.streamId)) this.knownHeads.set(p.streamId, p.written[p.written.length - 1].revision);
        }
        p.resolve(r);
      }
    });
    if (wrote) this.emitter.emit('appended');
  }

  /** A retried append whose event ids are all stored already, in order, in the same stream. */
  private findReplay(p: PendingAppend): AppendResult | undefined {
    const first = this.stmt.findById.get(p.events[0].id);
    if (!first) {
      for (const e of p.events.slice(1)) if (this.stmt.findById.get(e.id)) throw new DuplicateEventIdError(e.id);
      return undefined;
    }
    let last = first;
    for (let i = 0; i < p.events.length; i++) {
      const row = i === 0 ? first : this.stmt.findById.get(p.events[i].id);
      if (!row || row.stream_id !== p.streamId || row.revision !== first.revision + BigInt(i) || row.type !== p.events[i].type) {
        throw new DuplicateEventIdError(p.events[i].id);
      }
      last = row;
    }
    return { nextRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: { fromRevision?: bigint; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision;
    if (from !== undefined && options.maxCount === undefined) return this.readTail(streamId, from);
    return this.stmt.readStream
      .all(streamId, options.fromRevision ?? 0n, options.maxCount ?? 1_000_000)
      .map(toRecorded);
  }

  /**
   * The events of a stream from `from` on. Nothing, without asking the file, when the stream's
   * last revision is known to be before `from` and no other connection has written since: the
   * common case of a reader that has folded the stream already (a few tens of µs per read saved,
   * two reads per command on the report path).
   */
  private readTail(streamId: string, from: bigint): RecordedEvent[] {
    const version = this.stmt.dataVersion.get()!;
    if (version !== this.dataVersion) {
      this.knownHeads.clear();
      this.dataVersion = version;
    }
    const head = this.knownHeads.get(streamId);
    if (head !== undefined && head < from) return [];
    const rows = this.stmt.readStream.all(streamId, from, 1_000_000);
    if (head === undefined && this.knownHeads.size >= MAX_KNOWN_HEADS) this.knownHeads.clear();
    this.knownHeads.set(streamId, rows.length > 0 ? rows[rows.length - 1].revision : from - 1n);
    return rows.map(toRecorded);
  }

  /** Always from the file: what an audit or a rebuild reads is what is stored. */
  async readAll(options: { after?: bigint; maxCount: number }): Promise<RecordedEvent[]> {
    return this.stmt.readAll.all(options.after ?? 0n, options.maxCount).map(toRecorded);
  }

  private remember(rows: readonly EventRow[]): void {
    for (const row of rows) {
      const last = this.recent[this.recent.length - 1];
      // A gap means another connection appended in between: start over from here.
      if (last !== undefined && row.position !== last.row.position + 1n) this.recent = [];
      this.recent.push({ row });
    }
    if (this.recent.length > 2 * RECENT_EVENTS) this.recent = this.recent.slice(-RECENT_EVENTS);
  }

  /**
   * The events after `after` from memory, when memory holds all of them: `after` is within the
   * recent events and nothing has reached the log since the last of them (another connection may
   * append to the same file). Otherwise undefined, and the caller reads the file.
   */
  private readRecent(after: bigint, maxCount: number): RecordedEvent[] | undefined {
    const n = this.recent.length;
    if (n === 0) return undefined;
    const first = this.recent[0].row.position;
    if (after + 1n < first) return undefined;
    if ((this.stmt.head.get()?.position ?? 0n) !== this.recent[n - 1].row.position) return undefined;
    const out: RecordedEvent[] = [];
    for (let i = Number(after + 1n - first); i < n && out.length < maxCount; i++) {
      const e = this.recent[i];
      out.push((e.parsed ??= deepFreeze(toRecorded(e.row))));
    }
    return out;
  }

  /** Rows without JSON parsing, for the raw-scan benchmark anchor and fast projection replays. */
  readAllRaw(after: bigint, maxCount: number): EventRow[] {
    return this.stmt.readAll.all(after, maxCount);
  }

  async headPosition(): Promise<bigint | undefined> {
    return this.stmt.head.get()?.position ?? undefined;
  }

  subscribeToAll(options: { after?: bigint; batchSize?: number }, listener: AllSubscriptionListener): AllSubscription {
    let after = options.after;
    let stopped = false;
    let wake: (() => void) | undefined;
    const onAppend = () => wake?.();
    this.emitter.on('appended', onAppend);
    const batchSize = options.batchSize ?? 1000;
    const done = (async () => {
      while (!stopped) {
        try {
          const events = this.readRecent(after ?? 0n, batchSize) ?? (await this.readAll({ after, maxCount: batchSize }));
          if (events.length > 0) {
            await listener.onEvents(events);
            after = events[events.length - 1].position;
            continue;
          }
          const waiting = new Promise<void>((resolve) => (wake = resolve));
          await listener.onCaughtUp?.(after);
          // stop() may have run while we were reading: it found no wake() to call then.
          if (stopped) break;
          // An append between readAll and here has already called wake(); otherwise wait for one.
          await waiting;
          wake = undefined;
        } catch (error) {
          if (stopped || this.closed) break;
          listener.onError?.(error);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        this.emitter.off('appended', onAppend);
        wake?.();
        await done;
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.pending.length > 0) this.flush();
    this.closed = true;
    this.emitter.emit('appended');
    await this.checkpointer?.stop();
    this.db.close();
  }

  /** For tests and audit demos: the underlying handle (e.g. to tamper with a row). */
  get database(): Database.Database {
    return this.db;
  }
}

/**
 * The insert broke the unique index on event_id. Told by its code and message, not instanceof: the
 * native module's SqliteError may belong to another realm (jest's sandbox) than this code.
 */
function isEventIdTaken(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return typeof e === 'object' && e !== null && e.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(e.message).includes('event_id');
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}
