import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  AllSubscription,
  AllSubscriptionListener,
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  checkExpected,
} from '../event-store.port';

interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
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

  private readonly stmt: {
    currentRevision: Database.Statement<[string], { revision: bigint }>;
    insert: Database.Statement<[string, bigint, string, string, string, string]>;
    findById: Database.Statement<[string], EventRow>;
    readStream: Database.Statement<[string, bigint, number], EventRow>;
    readAll: Database.Statement<[bigint, number], EventRow>;
    head: Database.Statement<[], { position: bigint | null }>;
  };
  private readonly writeBatch: (batch: PendingAppend[]) => Array<AppendResult | Error>;

  constructor(options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
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
    };

    const appendOne = this.db.transaction((p: PendingAppend): AppendResult => {
      const replay = this.findReplay(p);
      if (replay) return replay;
      const row = this.stmt.currentRevision.get(p.streamId);
      checkExpected(p.streamId, p.expected, row?.revision);
      let revision = row === undefined ? -1n : row.revision;
      let position = 0n;
      for (const e of p.events) {
        revision += 1n;
        const info = this.stmt.insert.run(
          p.streamId,
          revision,
          e.id,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
        );
        position = BigInt(info.lastInsertRowid);
      }
      return { nextRevision: revision, position };
    });
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
    return this.stmt.readStream
      .all(streamId, options.fromRevision ?? 0n, options.maxCount ?? 1_000_000)
      .map(toRecorded);
  }

  async readAll(options: { after?: bigint; maxCount: number }): Promise<RecordedEvent[]> {
    return this.stmt.readAll.all(options.after ?? 0n, options.maxCount).map(toRecorded);
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
          const events = await this.readAll({ after, maxCount: batchSize });
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
    this.db.close();
  }

  /** For tests and audit demos: the underlying handle (e.g. to tamper with a row). */
  get database(): Database.Database {
    return this.db;
  }
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
