import Database from 'better-sqlite3';
import { WalCheckpointer, openSqlite } from '@ledger/sqlite';
import { PreparedChange, checkLimit, checkPosition, hasEntry, prepareChanges } from '../prepare-changes';
import type { IndexEntry, ReadModelChange, ReadStore, StoredDocument, StoredJsonDocument } from '../read-store.port';

export interface SqliteReadStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /**
   * Checkpoint the WAL from a worker thread (default true for a file), so no commit stalls on a
   * checkpoint; false: SQLite's autocheckpoint on this connection (every ~40 MB of WAL).
   */
  backgroundCheckpoints?: boolean;
}

interface DocumentRow {
  key: string;
  value: string;
  indexes: string;
}

type JsonRow = StoredJsonDocument;

/**
 * Rows per multi-row INSERT: fewer native calls per change. Measured on rebuild-style batches
 * that fit the page cache: raw inserts ~1.8x, SqliteReadStore.commit ~1.25x (JSON.stringify
 * of the values is the other big cost).
 */
const ROWS_PER_INSERT = 32;

/** SQLite's LIMIT -1 means no limit. */
const NO_LIMIT = -1;

/**
 * The embedded read-model store: one SQLite file in WAL mode.
 *
 * Durability: `synchronous=NORMAL`. A commit survives a process crash but the last commits may
 * be lost on power loss; that is acceptable because read models are rebuildable from the event
 * log, and a lost commit also loses its checkpoint, so the projection simply re-applies it.
 *
 * Keys sort by SQLite's BINARY collation (UTF-8 bytes, i.e. code point order), the same order
 * Redis uses for lex ranges.
 *
 * `commit` is one transaction: every change in order, then the checkpoint upsert. Changes are
 * validated and serialized before the transaction opens, so an invalid change writes nothing.
 */
export class SqliteReadStore implements ReadStore {
  private readonly db: Database.Database;
  private closed = false;
  private checkpointer: WalCheckpointer | undefined;

  private readonly stmt: {
    getDoc: Database.Statement<[string, string, string], DocumentRow>;
    getIndexes: Database.Statement<[string, string, string], { indexes: string }>;
    deleteDoc: Database.Statement<[string, string, string]>;
    deleteEntry: Database.Statement<[string, string, string, string, string]>;
    list: Database.Statement<[string, string, string, string, number], DocumentRow>;
    listAfter: Database.Statement<[string, string, string, string, string, number], DocumentRow>;
    scan: Database.Statement<[string, string, number], DocumentRow>;
    scanAfter: Database.Statement<[string, string, string, number], DocumentRow>;
    scanJson: Database.Statement<[string, string, number], JsonRow>;
    scanJsonAfter: Database.Statement<[string, string, string, number], JsonRow>;
    getCheckpoint: Database.Statement<[string], { position: bigint }>;
    upsertCheckpoint: Database.Statement<[string, bigint]>;
    dropDocs: Database.Statement<[string]>;
    dropEntries: Database.Statement<[string]>;
    dropCheckpoint: Database.Statement<[string]>;
    getActive: Database.Statement<[string], { namespace: string }>;
    setActive: Database.Statement<[string, string]>;
  };
  private readonly writeBatch: (namespace: string, changes: PreparedChange[], checkpoint: bigint) => void;
  private readonly drop: (namespace: string) => void;

  constructor(options: SqliteReadStoreOptions) {
    ({ db: this.db, checkpointer: this.checkpointer } = openSqlite({
      file: options.file,
      // Read models are rebuildable from the event log: NORMAL (crash-safe, not power-loss-safe) is enough.
      synchronous: 'NORMAL',
      // 16 KiB pages for a new file (an existing one keeps its size): documents of up to a few KB
      // split and overflow pages far less, so commits are faster than with 4 KiB pages, in large
      // rebuild commits and small live ones alike (docs/BENCHMARKS.md, "Performance work").
      pageSize: 16384,
      // A rebuild commit dirties a page per scattered index entry, ~1000 pages per 1000-change batch:
      // with the default autocheckpoint (1000 pages) nearly every commit would checkpoint (copy the
      // WAL back and fsync). Checkpoint every ~40 MB instead, and cut the WAL file back afterwards.
      // Better still, a worker thread checkpoints beside the commits (see startWalCheckpointer): a
      // checkpoint on this connection blocks the event loop for hundreds of ms (docs/BENCHMARKS.md).
      autocheckpointBytes: 40 * 1024 * 1024,
      journalSizeLimitBytes: 64 * 1024 * 1024,
      backgroundCheckpoints: options.backgroundCheckpoints,
    }));
    this.db.pragma(`cache_size = -${32 * 1024}`);
    ensureDocumentsTable(this.db);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS index_entries (
        namespace TEXT NOT NULL,
        collection TEXT NOT NULL,
        idx TEXT NOT NULL,
        ival TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (namespace, collection, idx, ival, key)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoints (
        namespace TEXT PRIMARY KEY,
        position INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS active_namespaces (
        projection TEXT PRIMARY KEY,
        namespace TEXT NOT NULL
      );
    `);
    const prepare = <P extends unknown[], R = unknown>(sql: string) => this.db.prepare<P, R>(sql);
    const listSql = (after: boolean) => `
      SELECT d.key AS key, d.value AS value, d.indexes AS indexes
      FROM index_entries e
      JOIN documents d ON d.namespace = e.namespace AND d.collection = e.collection AND d.key = e.key
      WHERE e.namespace = ? AND e.collection = ? AND e.idx = ? AND e.ival = ?${after ? ' AND e.key > ?' : ''}
      ORDER BY e.key LIMIT ?`;
    const scanSql = (after: boolean, columns = 'key, value, indexes') => `
      SELECT ${columns} FROM documents
      WHERE namespace = ? AND collection = ?${after ? ' AND key > ?' : ''}
      ORDER BY key LIMIT ?`;
    this.stmt = {
      getDoc: prepare('SELECT key, value, indexes FROM documents WHERE namespace = ? AND collection = ? AND key = ?'),
      getIndexes: prepare('SELECT indexes FROM documents WHERE namespace = ? AND collection = ? AND key = ?'),
      deleteDoc: prepare('DELETE FROM documents WHERE namespace = ? AND collection = ? AND key = ?'),
      deleteEntry: prepare(
        'DELETE FROM index_entries WHERE namespace = ? AND collection = ? AND idx = ? AND ival = ? AND key = ?',
      ),
      list: prepare(listSql(false)),
      listAfter: prepare(listSql(true)),
      scan: prepare(scanSql(false)),
      scanAfter: prepare(scanSql(true)),
      scanJson: prepare(scanSql(false, 'key, CAST(value AS BLOB) AS json')),
      scanJsonAfter: prepare(scanSql(true, 'key, CAST(value AS BLOB) AS json')),
      // Positions are 64-bit: read them as bigint, never as a lossy number.
      getCheckpoint: this.db
        .prepare<[string], { position: bigint }>('SELECT position FROM checkpoints WHERE namespace = ?')
        .safeIntegers(true),
      upsertCheckpoint: prepare(
        `INSERT INTO checkpoints (namespace, position) VALUES (?, ?)
         ON CONFLICT (namespace) DO UPDATE SET position = excluded.position`,
      ),
      dropDocs: prepare('DELETE FROM documents WHERE namespace = ?'),
      dropEntries: prepare('DELETE FROM index_entries WHERE namespace = ?'),
      dropCheckpoint: prepare('DELETE FROM checkpoints WHERE namespace = ?'),
      getActive: prepare('SELECT namespace FROM active_namespaces WHERE projection = ?'),
      setActive: prepare(
        `INSERT INTO active_namespaces (projection, namespace) VALUES (?, ?)
         ON CONFLICT (projection) DO UPDATE SET namespace = excluded.namespace`,
      ),
    };

    const s = this.stmt;
    // Multi-row INSERTs, prepared once per row count (1..ROWS_PER_INSERT) and reused.
    const docInserts: Array<Database.Statement<[string[]]>> = [];
    const entryInserts: Array<Database.Statement<[string[]]>> = [];
    const valuesList = (rows: number) => Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ');
    const docInsert = (rows: number) =>
      (docInserts[rows] ??= this.db.prepare<[string[]]>(
        `INSERT INTO documents (namespace, collection, key, value, indexes) VALUES ${valuesList(rows)}
         ON CONFLICT (namespace, collection, key) DO UPDATE SET value = excluded.value, indexes = excluded.indexes`,
      ));
    // OR IGNORE: (re)inserting an entry is idempotent, and robust if previousIndexes claimed an entry that is missing.
    const entryInsert = (rows: number) =>
      (entryInserts[rows] ??= this.db.prepare<[string[]]>(
        `INSERT OR IGNORE INTO index_entries (namespace, collection, idx, ival, key) VALUES ${valuesList(rows)}`,
      ));
    // Buffered rows (5 parameters each), and the documents they touch: a statement that reads or
    // deletes one of those documents flushes the buffers first, so the batch applies in order.
    const docRows: string[] = [];
    const entryRows: string[] = [];
    const buffered = new Set<string>();
    const flushDocs = () => {
      if (docRows.length === 0) return;
      docInsert(docRows.length / 5).run(docRows);
      docRows.length = 0;
    };
    const flushEntries = () => {
      if (entryRows.length === 0) return;
      entryInsert(entryRows.length / 5).run(entryRows);
      entryRows.length = 0;
    };
    const flushIfBuffered = (id: string) => {
      if (!buffered.has(id)) return;
      flushDocs();
      flushEntries();
      buffered.clear();
    };
    const FULL = ROWS_PER_INSERT * 5;

    this.writeBatch = this.db.transaction((ns: string, changes: PreparedChange[], checkpoint: bigint) => {
      try {
        for (let i = 0; i < changes.length; i++) {
          const c = changes[i];
          const id = c.collection + '\u0000' + c.key;
          // Without previousIndexes, read them inside the transaction, so earlier changes of the
          // same batch are seen.
          let old = c.previousIndexes;
          if (old === undefined) {
            flushIfBuffered(id);
            const row = s.getIndexes.get(ns, c.collection, c.key);
            old = row ? (JSON.parse(row.indexes) as IndexEntry[]) : [];
          }
          if (c.op === 'put') {
            for (let k = 0; k < old.length; k++) {
              const o = old[k];
              if (hasEntry(c.indexes, o.index, o.value)) continue;
              flushIfBuffered(id);
              s.deleteEntry.run(ns, c.collection, o.index, o.value, c.key);
            }
            docRows.push(ns, c.collection, c.key, c.valueJson, c.indexesJson);
            if (docRows.length === FULL) flushDocs();
            for (let k = 0; k < c.indexes.length; k++) {
              entryRows.push(ns, c.collection, c.indexes[k].index, c.indexes[k].value, c.key);
              if (entryRows.length === FULL) flushEntries();
            }
            buffered.add(id);
          } else {
            flushIfBuffered(id);
            s.deleteDoc.run(ns, c.collection, c.key);
            for (let k = 0; k < old.length; k++) s.deleteEntry.run(ns, c.collection, old[k].index, old[k].value, c.key);
          }
        }
        flushDocs();
        flushEntries();
        s.upsertCheckpoint.run(ns, checkpoint);
      } finally {
        // On a failure the transaction rolls back; never carry rows into the next commit.
        docRows.length = 0;
        entryRows.length = 0;
        buffered.clear();
      }
    });
    this.drop = this.db.transaction((ns: string) => {
      s.dropEntries.run(ns);
      s.dropDocs.run(ns);
      s.dropCheckpoint.run(ns);
    });
  }

  async get<T>(namespace: string, collection: string, key: string): Promise<StoredDocument<T> | undefined> {
    const row = this.stmt.getDoc.get(namespace, collection, key);
    return row && toDocument<T>(row);
  }

  async getMany<T>(namespace: string, collection: string, keys: readonly string[]): Promise<Array<StoredDocument<T> | undefined>> {
    return keys.map((key) => {
      const row = this.stmt.getDoc.get(namespace, collection, key);
      return row && toDocument<T>(row);
    });
  }

  async list<T>(
    namespace: string,
    collection: string,
    index: IndexEntry,
    options: { after?: string; limit?: number } = {},
  ): Promise<Array<StoredDocument<T>>> {
    checkLimit(options.limit);
    const limit = options.limit ?? NO_LIMIT;
    const rows =
      options.after === undefined
        ? this.stmt.list.all(namespace, collection, index.index, index.value, limit)
        : this.stmt.listAfter.all(namespace, collection, index.index, index.value, options.after, limit);
    return rows.map((row) => toDocument<T>(row));
  }

  async scan<T>(namespace: string, collection: string, options: { after?: string; limit?: number } = {}): Promise<Array<StoredDocument<T>>> {
    checkLimit(options.limit);
    const limit = options.limit ?? NO_LIMIT;
    const rows =
      options.after === undefined
        ? this.stmt.scan.all(namespace, collection, limit)
        : this.stmt.scanAfter.all(namespace, collection, options.after, limit);
    return rows.map((row) => toDocument<T>(row));
  }

  async scanJson(namespace: string, collection: string, options: { after?: string; limit?: number } = {}): Promise<StoredJsonDocument[]> {
    checkLimit(options.limit);
    const limit = options.limit ?? NO_LIMIT;
    return options.after === undefined
      ? this.stmt.scanJson.all(namespace, collection, limit)
      : this.stmt.scanJsonAfter.all(namespace, collection, options.after, limit);
  }

  async commit(namespace: string, changes: readonly ReadModelChange[], checkpoint: bigint): Promise<void> {
    checkPosition(checkpoint);
    const prepared = prepareChanges(changes);
    this.writeBatch(namespace, prepared, checkpoint);
  }

  async checkpoint(namespace: string): Promise<bigint | undefined> {
    return this.stmt.getCheckpoint.get(namespace)?.position;
  }

  async dropNamespace(namespace: string): Promise<void> {
    this.drop(namespace);
  }

  async activeNamespace(projection: string): Promise<string | undefined> {
    return this.stmt.getActive.get(projection)?.namespace;
  }

  async setActiveNamespace(projection: string, namespace: string): Promise<void> {
    this.stmt.setActive.run(projection, namespace);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.checkpointer?.stop();
    this.db.close();
  }

  /** For tests and diagnostics: the underlying handle. */
  get database(): Database.Database {
    return this.db;
  }
}

/**
 * Documents live in a rowid table with a unique (namespace, collection, key) index. Their values
 * run from hundreds of bytes to kilobytes: in a WITHOUT ROWID b-tree every insert and update moves
 * whole rows between pages (SQLite advises against rows above ~1/20 of a page there); the rowid
 * table commits several times faster and reads as fast (docs/BENCHMARKS.md, "Performance work"). A file from before (user_version 0, documents WITHOUT ROWID) is converted
 * once, keeping its contents, so no projection has to rebuild.
 */
function ensureDocumentsTable(db: Database.Database): void {
  const SCHEMA_VERSION = 1;
  if ((db.pragma('user_version', { simple: true }) as number) >= SCHEMA_VERSION) return;
  const migrate = db.transaction(() => {
    // Another process may have converted the file while this one waited for the write lock.
    if ((db.pragma('user_version', { simple: true }) as number) >= SCHEMA_VERSION) return;
    const old = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get() !== undefined;
    if (old) db.exec('ALTER TABLE documents RENAME TO documents_v0');
    db.exec(`
      CREATE TABLE documents (
        namespace TEXT NOT NULL,
        collection TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        indexes TEXT NOT NULL,
        UNIQUE (namespace, collection, key)
      )`);
    if (old) {
      db.exec(`
        INSERT INTO documents (namespace, collection, key, value, indexes)
          SELECT namespace, collection, key, value, indexes FROM documents_v0 ORDER BY namespace, collection, key;
        DROP TABLE documents_v0;`);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  migrate.immediate();
}

function toDocument<T>(row: DocumentRow): StoredDocument<T> {
  return { key: row.key, value: JSON.parse(row.value) as T, indexes: JSON.parse(row.indexes) as IndexEntry[] };
}
