import { SqliteEventStore } from '@ledger/event-store/sqlite';
import { ProjectionRunner } from '@ledger/projections';
import { RedisReadStore } from '@ledger/read-store';
import Redis from 'ioredis';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections } from '@ledger/ledger';
import { LedgerSeeder } from '../support/ledger-events';
import { EventCounterProjection } from './event-counter.projection';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '..', '..');

interface Child {
  process: ChildProcessWithoutNullStreams;
  ready: Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the projector app in a child node process (TypeScript through test/support/ts-register.js). */
function startProjector(env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(__dirname, 'projector.child.ts')], {
    env,
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(({ code, signal }) => reject(new Error(`projector exited (${code ?? signal}) before it was ready: ${stderr}`)));
    setTimeout(() => reject(new Error(`projector not ready in 60 s: ${stderr}`)), 60_000).unref();
  });
  return { process: child, ready, exited };
}

/** Every key under `prefix` (prefix stripped) with its content, whatever its Redis type. */
async function dump(redis: Redis, prefix: string): Promise<Map<string, string>> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  const out = new Map<string, string>();
  for (const key of keys.sort()) {
    const type = await redis.type(key);
    let value: unknown;
    if (type === 'string') value = await redis.get(key);
    else if (type === 'zset') value = await redis.zrange(key, 0, -1, 'WITHSCORES');
    else if (type === 'hash') value = Object.entries(await redis.hgetall(key)).sort();
    else value = `unexpected type ${type}`;
    out.set(key.slice(prefix.length), JSON.stringify(value));
  }
  return out;
}

async function deleteUnder(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Stored checkpoint of each projection's active namespace. */
async function checkpoints(redis: Redis, prefix: string): Promise<Record<string, bigint>> {
  const active = await redis.hgetall(`${prefix}active`);
  const out: Record<string, bigint> = {};
  for (const [projection, namespace] of Object.entries(active)) out[projection] = BigInt((await redis.get(`${prefix}${namespace}:checkpoint`)) ?? '0');
  return out;
}

describe('the projector process killed with SIGKILL mid-stream (SQLite events, Redis read models)', () => {
  const run = randomUUID();
  const killed = `test:projector-kill:${run}:killed:`;
  const clean = `test:projector-kill:${run}:clean:`;
  let dir: string;
  let redis: Redis;
  let events: SqliteEventStore;
  const children: Child[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-projector-kill-'));
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const c of children) c.process.kill('SIGKILL');
    await events?.close();
    await deleteUnder(redis, `test:projector-kill:${run}:`);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes from its committed checkpoints and ends identical to a clean rebuild, nothing counted twice', async () => {
    // 10 departments, 200 employees, 12 one-day sick cases each (reported and attested), a
    // certificate on every 4th case: 10 + 200 + 2 400 + 2 400 + 600 = 5 610 events.
    events = new SqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const seed = new LedgerSeeder(events, '2026-01-15T08:00:00.000Z');
    for (let d = 0; d < 10; d++) await seed.department(`D${d}`, [`M${d}`]);
    const employees = Array.from({ length: 200 }, (_, i) => i);
    for (let from = 0; from < employees.length; from += 50) {
      await Promise.all(
        employees.slice(from, from + 50).map(async (i) => {
          await seed.employee(`E${i}`, `D${i % 10}`);
          for (let k = 0; k < 12; k++) {
            const date = `2025-${String(k + 1).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
            const id = await seed.report(`E${i}`, `D${i % 10}`, 'sick', date, date);
            if (k % 4 === 0) await seed.certificate(id, date, date);
            await seed.attest(id, `M${i % 10}`);
          }
        }),
      );
    }
    const head = (await events.headPosition())!;
    expect(Number(head)).toBe(5610);
    expect(Object.fromEntries(seed.counts)).toEqual({
      DepartmentDefined: 10,
      EmploymentRecorded: 200,
      AbsenceReported: 2400,
      AbsenceAttested: 2400,
      MedicalCertificateRegistered: 600,
    });

    const env = {
      ...process.env,
      LEDGER_PROFILE: 'embedded',
      LEDGER_DATA_DIR: dir,
      LEDGER_EVENT_STORE: 'sqlite',
      LEDGER_READ_STORE: 'redis',
      LEDGER_JOBS: 'inprocess',
      REDIS_URL,
      REDIS_KEY_PREFIX: killed,
    };
    const projections = allProjections().length + 1;

    /** Starts the projector, waits until `when` holds for the stored checkpoints, then kills it with SIGKILL. */
    const runAndKill = async (when: (stored: Record<string, bigint>) => boolean, what: string) => {
      const child = startProjector(env);
      children.push(child);
      await child.ready;
      const deadline = Date.now() + 90_000;
      while (true) {
        const stored = await checkpoints(redis, killed);
        if (Object.keys(stored).length === projections && Object.values(stored).every((c) => c >= head)) throw new Error(`everything finished before ${what}`);
        if (when(stored)) break;
        if (Date.now() > deadline) throw new Error(`never reached ${what}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      child.process.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
      return checkpoints(redis, killed);
    };

    // Kill 1: while the replay-blind counter is mid-way (it commits every 1 000 events).
    const first = await runAndKill((s) => (s['event-counter'] ?? 0n) > 0n && s['event-counter'] < head, 'the counter mid-way');
    expect(first['event-counter'] < head).toBe(true);
    // Kill 2: once every projection has committed a batch, while some are still behind.
    const second = await runAndKill((s) => Object.keys(s).length === projections && Object.values(s).every((c) => c > 0n), 'every projection under way');
    expect(Object.values(second).some((c) => c < head)).toBe(true);

    // Run 3: the same projector resumes from the stored checkpoints and catches up.
    const last = startProjector(env);
    children.push(last);
    const metricsPort = await last.ready;
    const until = Date.now() + 120_000;
    while (!Object.values(await checkpoints(redis, killed)).every((c) => c === head)) {
      if (Date.now() > until) throw new Error('the restarted projector did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/ledger_projection_lag_seconds\{projection="absences"\} 0/);
    expect(metrics).toMatch(/ledger_projection_lag_seconds\{projection="event-counter"\} 0/);
    const health = await fetch(`http://127.0.0.1:${metricsPort}/health`);
    expect(health.status).toBe(200);
    // SIGTERM: Nest's shutdown hooks stop the runners and close the stores, then the process ends.
    last.process.kill('SIGTERM');
    const exit = await last.exited;
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);

    // Nothing counted twice: the replay-blind counter holds exactly the seeded numbers.
    const counts: Record<string, number> = {};
    for (const [type, n] of seed.counts) {
      const stored = await redis.get(`${killed}event-counter@v1:d:count:${type}`);
      counts[type] = (JSON.parse(stored!) as { v: { n: number } }).v.n;
      expect(counts[type]).toBe(n);
    }

    // A clean rebuild of every projection into another prefix, in this process.
    const store = new RedisReadStore({ url: REDIS_URL, keyPrefix: clean });
    for (const projection of [...allProjections(), new EventCounterProjection()]) {
      const runner = new ProjectionRunner(projection, events, store);
      await runner.start();
      expect(await runner.waitFor(head, 120_000)).toBe(true);
      await runner.stop();
    }
    await store.close();

    const resumed = await dump(redis, killed);
    const rebuilt = await dump(redis, clean);
    expect(resumed.size).toBeGreaterThan(5000);
    expect([...resumed.keys()]).toEqual([...rebuilt.keys()]);
    const different = [...resumed.keys()].filter((k) => resumed.get(k) !== rebuilt.get(k));
    expect(different).toEqual([]);
  }, 240_000);
});
