/**
 * npm run bench:postgres: the ingest load (durable POST /v1/absences, each a distinct employee's
 * sick report) on the postgres profile with one API process and with two, in the same run as its
 * anchors: the bare Fastify echo, the embedded profile (one process, SQLite), and the rebuild of
 * every projection from PostgreSQL. Small by default (`--requests 400 --connections 32`); a
 * database `pg_bench_<random>` and a Redis prefix of its own, both removed at the end.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { mintToken } from '@ledger/config';
import { stockholmDateOf } from '@ledger/domain';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { freshDataDir, removeDir } from './lib/datasets';
import { httpRequest } from './lib/http';
import { BENCH_SECRET, ServerProcess, startApi, startEcho } from './lib/proc';
import { Figure, fmt, printFigures } from './lib/report';

const ADMIN_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Load {
  rps: number;
  ok: number;
  failed: number;
  p99: number;
}

/** `amount` reports over `connections` connections against each of `urls` at once; req/s of all of them together. */
async function load(urls: string[], bodies: string[], tokens: string[], first: number, amount: number, connections: number): Promise<Load> {
  let next = first;
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url,
        connections: Math.max(1, Math.round(connections / urls.length)),
        amount: Math.round(amount / urls.length),
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/v1/absences',
            setupRequest: (req) => {
              const i = next++;
              return { ...req, body: bodies[i], headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` } };
            },
          },
        ],
      }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = results.reduce((s, r) => s + r['2xx'], 0);
  const failed = results.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0);
  return { rps: (ok + results.reduce((s, r) => s + r.non2xx, 0)) / seconds, ok, failed, p99: Math.max(...results.map((r) => r.latency.p99)) };
}

/** Department D1 and `count` employees from `from` on, through the API at `url`. */
async function seed(url: string, from: number, count: number): Promise<void> {
  const hr = await mintToken(BENCH_SECRET, 'HR1', ['hr']);
  const headers = { authorization: `Bearer ${hr}` };
  await httpRequest('PUT', `${url}/v1/departments/D1`, { headers, body: JSON.stringify({ name: 'Bench', managerIds: ['M1'] }) });
  for (let i = from; i < from + count; i += 16) {
    await Promise.all(
      Array.from({ length: Math.min(16, from + count - i) }, async (_, k) => {
        const r = await httpRequest('PUT', `${url}/v1/employees/B${i + k}`, {
          headers,
          body: JSON.stringify({ departmentId: 'D1', gender: 'female', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2024-01-01' }),
        });
        if (r.status !== 200) throw new Error(`seeding employee B${i + k}: ${r.status} ${r.body}`);
      }),
    );
  }
}

function run(script: string, env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, [resolve(__dirname, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return { child, done: new Promise((ok) => child.on('exit', (code) => ok({ code, out }))) };
}

async function main(): Promise<void> {
  const requests = flag('requests', 400);
  const connections = flag('connections', 32);
  const today = stockholmDateOf(new Date());
  const employees = 3 * requests + 64;
  process.stderr.write(`postgres bench: minting ${employees} tokens ...\n`);
  const tokens = await Promise.all(Array.from({ length: employees }, (_, i) => mintToken(BENCH_SECRET, `B${i}`, ['employee'])));
  const bodies = tokens.map((_, i) => JSON.stringify({ employeeId: `B${i}`, type: 'sick', from: today, channel: 'mobile' }));

  const database = `pg_bench_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const prefix = `bench:pg:${database}:`;
  const dataDir = freshDataDir('postgres');
  const pgEnv: Record<string, string> = {
    LEDGER_PROFILE: 'postgres',
    LEDGER_EVENT_STORE: 'postgresql',
    LEDGER_READ_STORE: 'redis',
    LEDGER_JOBS: 'bullmq',
    LEDGER_RUN: 'api',
    DATABASE_URL: url.toString(),
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
    PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
    AUTH_JWT_SECRET: BENCH_SECRET,
    LEDGER_DATA_DIR: dataDir,
    PROJECTOR_METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const figures: Figure[] = [];
  const servers: ServerProcess[] = [];
  let projector: ChildProcess | undefined;
  try {
    // Anchors: the bare echo and the embedded profile, the same load.
    const echo = await startEcho();
    servers.push(echo);
    const echoLoad = await load([echo.url], bodies, tokens, 0, requests, connections);
    await echo.stop();
    const embeddedDir = freshDataDir('postgres-embedded');
    const embedded = await startApi(embeddedDir);
    servers.push(embedded);
    await seed(embedded.url, 0, requests);
    const embeddedLoad = await load([embedded.url], bodies, tokens, 0, requests, connections);
    await embedded.stop();
    removeDir(embeddedDir, false);

    // The postgres profile: a projector, then one API, then two.
    const p = run('../apps/projector/src/main.js', pgEnv);
    projector = p.child;
    const a = await startApi(dataDir, { env: pgEnv });
    const b = await startApi(dataDir, { env: pgEnv });
    servers.push(a, b);
    process.stderr.write('postgres bench: seeding ...\n');
    await seed(a.url, requests, 2 * requests);
    const warm = 32;
    await load([a.url, b.url], bodies, tokens, 3 * requests, warm, 16);
    process.stderr.write(`postgres bench: ${requests} reports, one API ...\n`);
    const one = await load([a.url], bodies, tokens, requests, requests, connections);
    process.stderr.write(`postgres bench: ${requests} reports, two APIs ...\n`);
    const two = await load([a.url, b.url], bodies, tokens, 2 * requests, requests, connections);

    // The rebuild from PostgreSQL, as npm run rebuild runs it (it takes the projector lock).
    projector.kill('SIGTERM');
    await p.done;
    projector = undefined;
    const events = new Client({ connectionString: url.toString() });
    await events.connect();
    const count = Number((await events.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_events')).rows[0].n);
    await events.end();
    const started = process.hrtime.bigint();
    const rebuild = await run('../tools/rebuild.js', pgEnv).done;
    const rebuildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (rebuild.code !== 0) throw new Error(`rebuild failed: ${rebuild.out}`);

    const ratio = two.rps / one.rps;
    figures.push(
      {
        bench: 'postgres',
        what: `two API processes vs one, ${connections} connections in all (req/s)`,
        value: `${fmt.int(two.rps)} vs ${fmt.int(one.rps)}`,
        ratio: fmt.ratio(ratio),
        target: '≥ 1.60',
        met: ratio >= 1.6 && two.failed === 0 && one.failed === 0,
        note: `${one.ok + two.ok} answered 2xx, ${one.failed + two.failed} failed; p99 ${fmt.ms(one.p99)} (one) / ${fmt.ms(two.p99)} (two)`,
      },
      { bench: 'postgres', what: 'one API on the postgres profile (req/s)', value: fmt.int(one.rps), anchor: `${fmt.int(echoLoad.rps)} (bare echo)`, ratio: fmt.ratio(one.rps / echoLoad.rps) },
      { bench: 'postgres', what: 'embedded profile, one process (req/s)', value: fmt.int(embeddedLoad.rps), anchor: `${fmt.int(echoLoad.rps)} (bare echo)`, ratio: fmt.ratio(embeddedLoad.rps / echoLoad.rps), note: `p99 ${fmt.ms(embeddedLoad.p99)}` },
      { bench: 'postgres', what: 'two APIs on postgres vs embedded (req/s)', value: fmt.int(two.rps), anchor: `${fmt.int(embeddedLoad.rps)} (embedded)`, ratio: fmt.ratio(two.rps / embeddedLoad.rps) },
      { bench: 'postgres', what: `rebuild of every projection from PostgreSQL (${count} events, process start included)`, value: `${rebuildSeconds.toFixed(1)} s`, note: `${fmt.int(count / rebuildSeconds)} events/s` },
    );
  } finally {
    projector?.kill('SIGKILL');
    for (const s of servers) await s.stop().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    await redis.quit();
    removeDir(dataDir, false);
  }
  printFigures('bench:postgres (the machine is shared: figures vary from run to run)', figures, undefined, { requests, connections });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
