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

/**
 * Runs in the worker: per registered file its own connection and a PASSIVE checkpoint every
 * interval. It leaves when its last file is removed.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const files = new Map();
function remove(id) {
  const f = files.get(id);
  if (f === undefined) return;
  clearInterval(f.timer);
  files.delete(id);
  try { f.db.close(); } catch {}
}
parentPort.on('message', (m) => {
  if (m.op === 'add') {
    try {
      const db = new Database(m.file, { fileMustExist: true });
      db.pragma('synchronous = ' + m.synchronous);
      const timer = setInterval(() => {
        try {
          db.pragma('wal_checkpoint(PASSIVE)');
        } catch (error) {
          // Busy or locked (another checkpointer, a long write): the next interval tries again.
          if (/busy|locked/i.test(String(error && error.code) + String(error && error.message))) return;
          remove(m.id);
          parentPort.postMessage({ op: 'failed', id: m.id, message: String(error && error.message) });
        }
      }, m.intervalMs);
      files.set(m.id, { db, timer });
    } catch (error) {
      parentPort.postMessage({ op: 'failed', id: m.id, message: String(error && error.message) });
    }
  } else if (m.op === 'remove') {
    remove(m.id);
    parentPort.postMessage({ op: 'removed', id: m.id });
    if (m.last) parentPort.close();
  }
});
`;

interface Registration {
  onError?(error: unknown): void;
  removed?(): void;
  /** Set by stop(): the file is leaving the worker. */
  stopping: boolean;
}

/** The process's one checkpoint thread, while it has files. */
interface SharedWorker {
  worker: Worker;
  /** Files registered that have not failed (those being stopped included, until the worker confirms). */
  files: Map<number, Registration>;
  exited: Promise<void>;
}

let shared: SharedWorker | undefined;
let nextId = 1;

function sharedWorker(): SharedWorker {
  if (shared !== undefined) return shared;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite: require.resolve('better-sqlite3') } });
  worker.unref();
  const files = new Map<number, Registration>();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const me: SharedWorker = { worker, files, exited };
  worker.on('message', (m: { op: 'failed' | 'removed'; id: number; message?: string }) => {
    const registration = files.get(m.id);
    if (m.op === 'removed') registration?.removed?.();
    else registration?.onError?.(new Error(m.message));
    // The worker stays (unref'd) for its other files, or idle until the next one comes.
    if (m.op === 'failed') files.delete(m.id);
  });
  const failAll = (error: unknown) => {
    if (shared === me) shared = undefined;
    for (const registration of files.values()) {
      registration.onError?.(error);
      registration.removed?.();
    }
    files.clear();
  };
  worker.on('error', failAll);
  worker.once('exit', () => failAll(new Error('the WAL checkpoint worker exited')));
  shared = me;
  return me;
}

/**
 * Checkpoints a SQLite WAL database from a worker thread, so the process that writes never stalls
 * on one: a checkpoint copies the WAL back into the database file and fsyncs it, which on the
 * writer's own connection (autocheckpoint) blocks the event loop for as long as that takes
 * (hundreds of ms for tens of MB). A PASSIVE checkpoint on a second connection runs beside the
 * writer's commits and readers (WAL mode allows one checkpointer next to them), and the writer
 * restarts the WAL from its beginning once a checkpoint has caught up. While this runs, the
 * writer's connection checkpoints only past WRITER_BACKSTOP_WAL_BYTES, and as before when the
 * worker fails.
 *
 * Every file of the process shares one worker thread: a thread is a V8 isolate of its own, with
 * RSS of its own (docs/BENCHMARKS.md, "Performance work").
 */
export function startWalCheckpointer(file: string, options: WalCheckpointerOptions): WalCheckpointer {
  const owner = sharedWorker();
  const id = nextId++;
  const registration: Registration = { onError: options.onError, stopping: false };
  owner.files.set(id, registration);
  owner.worker.postMessage({ op: 'add', id, file, synchronous: options.synchronous, intervalMs: options.intervalMs ?? 200 });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      if (stopping !== undefined) return stopping;
      if (!owner.files.has(id)) return (stopping = Promise.resolve());
      stopping = new Promise<void>((resolve) => {
        registration.stopping = true;
        // The last file that is not leaving closes the worker.
        const last = [...owner.files.values()].every((r) => r.stopping);
        // A later file gets a new worker: this one is leaving.
        if (last && shared === owner) shared = undefined;
        // The timer also keeps the process alive until the worker has gone: the worker is unref'd,
        // so a process with nothing else to do would otherwise end in the middle of this await.
        const timeout = setTimeout(() => void owner.worker.terminate(), 5000);
        const done = () => {
          clearTimeout(timeout);
          resolve();
        };
        registration.removed = () => {
          owner.files.delete(id);
          if (last) void owner.exited.then(done);
          else done();
        };
        owner.worker.postMessage({ op: 'remove', id, last });
      });
      return stopping;
    },
  };
}
