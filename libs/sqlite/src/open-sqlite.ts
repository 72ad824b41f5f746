import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WRITER_BACKSTOP_WAL_BYTES, WalCheckpointer, startWalCheckpointer } from './wal-checkpointer';

/** SQLite's own default for `wal_autocheckpoint`, in pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface OpenSqliteOptions {
  /** The database file, or `:memory:`. Its directory is created when missing. */
  file: string;
  /** FULL (power-loss-safe, the event log) or NORMAL (crash-safe, rebuildable read models). */
  synchronous: 'FULL' | 'NORMAL';
  /** The page size of a new file (an existing file keeps its own); SQLite's default when absent. */
  pageSize?: number;
  /**
   * The writer's own autocheckpoint when no worker checkpoints (or once the worker has failed),
   * in bytes of WAL; SQLite's default (1000 pages) when absent.
   */
  autocheckpointBytes?: number;
  /** The WAL file is cut back to this size after a checkpoint; SQLite's default when absent. */
  journalSizeLimitBytes?: number;
  /** Checkpoint from the process's worker thread (default true; never for `:memory:`). */
  backgroundCheckpoints?: boolean;
}

export interface OpenedSqlite {
  db: Database.Database;
  /** The worker-thread checkpointer, when one runs for this file: stop it before closing `db`. */
  checkpointer: WalCheckpointer | undefined;
}

/**
 * Opens a SQLite file the way both SQLite adapters (event log and read models) use it: WAL
 * journal, the given durability, a 5 s busy timeout, and checkpoints from a worker thread with the
 * writer's own autocheckpoint kept as a backstop (see startWalCheckpointer).
 */
export function openSqlite(options: OpenSqliteOptions): OpenedSqlite {
  const memory = options.file === ':memory:';
  if (!memory) mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  // page_size takes effect only before the file is in WAL mode (a new file).
  if (options.pageSize !== undefined) db.pragma(`page_size = ${options.pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('busy_timeout = 5000');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const ownAutocheckpoint =
    options.autocheckpointBytes === undefined ? SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES : Math.ceil(options.autocheckpointBytes / pageSize);
  if (options.journalSizeLimitBytes !== undefined) db.pragma(`journal_size_limit = ${options.journalSizeLimitBytes}`);
  let checkpointer: WalCheckpointer | undefined;
  if (!memory && options.backgroundCheckpoints !== false) {
    db.pragma(`wal_autocheckpoint = ${Math.ceil(WRITER_BACKSTOP_WAL_BYTES / pageSize)}`);
    checkpointer = startWalCheckpointer(options.file, {
      synchronous: options.synchronous,
      // The worker failed: the writer checkpoints on its own again.
      onError: () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${ownAutocheckpoint}`);
      },
    });
  } else if (options.autocheckpointBytes !== undefined) {
    db.pragma(`wal_autocheckpoint = ${ownAutocheckpoint}`);
  }
  return { db, checkpointer };
}
