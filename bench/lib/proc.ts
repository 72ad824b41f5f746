import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { httpGet } from './http';

/** The embedded profile on one data directory: what every ledger process the benchmarks start runs with. */
export function embeddedProfileEnv(dataDir: string): Record<string, string> {
  // The load generators send from one token: the per-token rate limit is off for them.
  return { LEDGER_PROFILE: 'embedded', LEDGER_EVENT_STORE: 'sqlite', LEDGER_READ_STORE: 'sqlite', LEDGER_JOBS: 'inprocess', LEDGER_DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' };
}

/** The built API entry point, next to this file in dist/. */
export const API_MAIN = resolve(__dirname, '../../apps/api/src/main.js');
export const ECHO_MAIN = resolve(__dirname, '../echo-server.js');

/** The HS256 secret the benchmark API runs with (bench only). */
export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-hs256';

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resident set size now, in MB (VmRSS). */
  rssMb(): number;
  /** Peak resident set size so far, in MB (VmHWM). */
  peakRssMb(): number;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
  /** SIGKILL at once (the durability check). */
  kill9(): Promise<void>;
  /** The child's stderr so far. */
  stderr(): string;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function startChild(main: string, env: Record<string, string>, nodeArgs: string[], name: string, listenTimeoutMs = 120_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  });
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => {
      // BENCH_DEBUG=1 shows what the child wrote, for diagnosing a run.
      if (process.env.BENCH_DEBUG && err) process.stderr.write(`--- ${name} stderr ---\n${err}\n`);
      r(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + listenTimeoutMs;
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('wait'), 100))]);
    if (early !== 'wait') throw new Error(`${name} exited (${String(early)}) before it listened:\n${out}\n${err}`);
    try {
      await httpGet(`${url}/health`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${name} did not listen within ${listenTimeoutMs / 1000} s:\n${out}\n${err}`);
      }
    }
  }
  const pid = child.pid!;
  const waitExit = async (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
  return {
    url,
    pid,
    child,
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitExit(15_000))) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The node flags `npm run start:prod` starts the API with (e.g. --max-old-space-size), read from
 * package.json so the benchmarks measure the API as it is shipped.
 */
export function startProdNodeFlags(): string[] {
  return npmScriptNodeFlags('start:prod');
}

/** The node flags of the last `node` command in an npm script of package.json. */
export function npmScriptNodeFlags(name: string): string[] {
  const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.[name] ?? '';
  const words = script.split(/\s+/);
  const node = words.lastIndexOf('node');
  if (node < 0) return [];
  const flags: string[] = [];
  for (const w of words.slice(node + 1)) {
    if (!w.startsWith('-')) break;
    flags.push(w);
  }
  return flags;
}

/** The API from dist/ as its own process, as `npm run start:prod` runs it: embedded profile, the given data directory. */
export function startApi(
  dataDir: string,
  options: { nodeArgs?: string[]; env?: Record<string, string>; listenTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  return startChild(
    API_MAIN,
    {
      ...embeddedProfileEnv(dataDir),
      AUTH_JWT_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    [...startProdNodeFlags(), ...(options.nodeArgs ?? [])],
    'the API',
    options.listenTimeoutMs,
  );
}

/** The anchor: a bare Fastify JSON echo server as its own process. */
export function startEcho(): Promise<ServerProcess> {
  return startChild(ECHO_MAIN, {}, [], 'the echo server');
}

/** User + system CPU seconds of a process so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits until the process uses less than `cores` of CPU over `windowMs` (at most `timeoutMs`);
 * returns the seconds it waited. After a first start on a log whose history ended a while ago,
 * the API's reminder scan raises the whole backlog of reminders at once: reads are measured once
 * that is done, as a running ledger would serve them.
 */
export async function waitIdle(pid: number, options: { cores?: number; windowMs?: number; timeoutMs?: number } = {}): Promise<number> {
  const { cores = 0.05, windowMs = 3000, timeoutMs = 1_800_000 } = options;
  const started = Date.now();
  for (;;) {
    const before = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, windowMs));
    if ((cpuSeconds(pid) - before) / (windowMs / 1000) < cores) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`the API was still busy after ${timeoutMs / 1000} s`);
  }
}

export interface ProjectionHealth {
  name: string;
  caughtUp: boolean;
  lagSeconds: number;
}

/** Polls /health until every projection reports caught up; returns the seconds it took. */
export async function waitCaughtUp(
  api: ServerProcess,
  options: { timeoutMs?: number; onProgress?: (statuses: ProjectionHealth[], head: string | null) => void } = {},
): Promise<number> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 3_600_000);
  let lastProgress = 0;
  for (;;) {
    const res = await httpGet(`${api.url}/health`);
    const body = JSON.parse(res.body) as {
      info?: Record<string, { statuses?: ProjectionHealth[]; head?: string | null }>;
      error?: Record<string, { statuses?: ProjectionHealth[] }>;
      details?: Record<string, { statuses?: ProjectionHealth[]; head?: string | null }>;
    };
    const statuses = body.details?.projections?.statuses ?? [];
    if (statuses.length > 0 && statuses.every((s) => s.caughtUp)) return (Date.now() - started) / 1000;
    if (options.onProgress && Date.now() - lastProgress > 5000) {
      lastProgress = Date.now();
      options.onProgress(statuses, body.details?.eventStore?.head ?? null);
    }
    if (Date.now() > deadline) throw new Error(`projections not caught up after ${(Date.now() - started) / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const runDirOf = (root: string, name: string) => join(root, '.bench', 'runs', `${name}-${process.pid}-${Date.now().toString(36)}`);
