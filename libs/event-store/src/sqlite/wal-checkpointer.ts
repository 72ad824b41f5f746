import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Stops the worker (after the checkpoint in progress, if any). */
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** The durability the checkpoint writes with (it fsyncs the database file under FULL and NORMAL alike). */
  synchronous: 'FULL' | 'NORMAL';
  /** How often to look at the WAL; default 200 ms. */
  intervalMs?: number;
  /** Called when the worker fails; the store then checkpoints on its own again. */
  onError?(error: unknown): void;
}

/**
 * The writer's own autocheckpoint stays on as a backstop at this WAL size. The WAL starts over
 * only once a checkpoint has caught up with the writer, which a worker may not manage under
 * writes that never pause; at this size the writer checkpoints itself, copying only what the
 * worker has not, and the WAL starts over.
 */
export const WRITER_BACKSTOP_WAL_BYTES = 64 * 1024 * 1024;

/** Runs in the worker: its own connection to the file, a PASSIVE checkpoint every interval. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // Busy or locked (another checkpointer, a long write): the next interval tries again.
    if (!/busy|locked/i.test(String(error && error.code) + String(error && error.message))) throw error;
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a SQLite WAL database from a worker thread, so the process that writes never stalls
 * on one: a checkpoint copies the WAL back into the database file and fsyncs it, which on the
 * writer's own connection (autocheckpoint) blocks the event loop for as long as that takes
 * (hundreds of ms for tens of MB). A PASSIVE checkpoint on a second connection runs beside the
 * writer's commits and readers (WAL mode allows one checkpointer next to them), and the writer
 * restarts the WAL from its beginning once a checkpoint has caught up. While this runs, the
 * writer's connection checkpoints only past WRITER_BACKSTOP_WAL_BYTES, and as before when the
 * worker fails.
 */
export function startWalCheckpointer(file: string, options: WalCheckpointerOptions): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, sqlite: require.resolve('better-sqlite3'), synchronous: options.synchronous, intervalMs: options.intervalMs ?? 200 },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => options.onError?.(error));
  let stopped = false;
  return {
    async stop() {
      if (stopped) return exited;
      stopped = true;
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
