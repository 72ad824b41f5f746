/**
 * npm run bench:ingest: durable POST /v1/absences over HTTP at 64 connections against a bare
 * Fastify JSON echo server in the same run.
 *
 * - The API runs from dist/ as its own process (embedded profile, synchronous=FULL) on a fresh
 *   data directory seeded with departments and employees.
 * - Every request is a distinct valid sick report (open-ended, from today) by a distinct employee
 *   with their own token, so no two overlap and none is a replay.
 * - The echo server gets the same load (same connections, request count, bodies and headers).
 * - Afterwards the API is killed with SIGKILL and the log is counted: every answered report must be
 *   in it (durability check).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { mintToken } from '@ledger/config';
import { stockholmDateOf } from '@ledger/domain';
import { join } from 'node:path';
import { BenchArgs, parseArgs } from './lib/args';
import { freshDataDir, masterDataSeed, removeDir } from './lib/datasets';
import { employeeIdOf } from './lib/generator';
import { BENCH_SECRET, ServerProcess, cpuSeconds, startApi, startEcho, waitCaughtUp } from './lib/proc';
import { cpuBreakdown, mainThreadProfile } from './lib/profile';
import { Figure, fmt, printFigures } from './lib/report';

interface LoadResult {
  requestsPerSecond: number;
  /** The measured load's start and end on the monotonic clock, in µs (to cut a CPU profile to it). */
  fromUs: number;
  toUs: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  failed: number;
  seconds: number;
  statuses: Record<string, number>;
  /** CPU the server process used during the load, in cores (1.0 = one core busy all the time). */
  serverCores: number;
}

/** Runs `amount` POSTs of the prepared bodies (one each) over `connections` connections. */
async function load(pid: number, url: string, bodies: string[], tokens: string[], first: number, amount: number, connections: number): Promise<LoadResult> {
  let next = first;
  const cpuBefore = cpuSeconds(pid);
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const result = await autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/v1/absences',
        setupRequest: (req) => {
          const i = next++;
          if (i >= bodies.length) throw new Error('ran out of prepared employees; raise the seed size');
          return { ...req, body: bodies[i], headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` } };
        },
      },
    ],
  });
  const toUs = Number(process.hrtime.bigint() / 1000n);
  const answered = result['2xx'] + result.non2xx;
  return {
    fromUs,
    toUs,
    // Answers over the whole run (autocannon's own average is over whole-second samples).
    requestsPerSecond: answered / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
    serverCores: (cpuSeconds(pid) - cpuBefore) / result.duration,
  };
}

/** Commits per second of one-row transactions with synchronous=FULL: what one fsync per command allows. */
function fsyncAnchor(dir: string, seconds = 2): number {
  const db = new Database(join(dir, 'fsync-anchor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const end = Date.now() + seconds * 1000;
  let n = 0;
  const started = process.hrtime.bigint();
  while (Date.now() < end) {
    insert.run('x'.repeat(300));
    n++;
  }
  const rate = n / (Number(process.hrtime.bigint() - started) / 1e9);
  db.close();
  return rate;
}

/** --profile categories a request costs whatever the command does (see bench/lib/profile.ts). */
const FIXED_COSTS = new Set(['HTTP and Nest routing', 'JWT verification', 'input validation', 'event store: group commit and fsync']);
/** --profile categories of the ledger's own work per report. */
const DOMAIN_COSTS = new Set(['command: load, rules, hash chain', 'projections: apply and commit read models']);

export async function benchIngest(args: BenchArgs): Promise<Figure[]> {
  const pool = args.requests + args.warmup + 2 * args.connections + 256;
  const seed = await masterDataSeed(pool, args.seed);
  const today = stockholmDateOf(new Date());
  process.stderr.write(`ingest: minting ${pool} employee tokens ...\n`);
  const tokens: string[] = [];
  for (let i = 0; i < pool; i += 2000) {
    tokens.push(...(await Promise.all(Array.from({ length: Math.min(2000, pool - i) }, (_, k) => mintToken(BENCH_SECRET, employeeIdOf(i + k), ['employee'])))));
  }
  const bodies = tokens.map((_, i) => JSON.stringify({ employeeId: employeeIdOf(i), type: 'sick', from: today, channel: 'mobile' }));
  // Measured requests use employees [0, requests + slack); warm-up ones come after them.
  const warmupFirst = args.requests + args.connections + 128;

  let warmupAnswered = 0;
  const run = async (server: ServerProcess, label: string) => {
    if (args.warmup > 0) {
      process.stderr.write(`ingest: ${label}: warm-up, ${args.warmup} requests ...\n`);
      warmupAnswered = (await load(server.pid, server.url, bodies, tokens, warmupFirst, args.warmup, args.connections)).ok;
    }
    process.stderr.write(`ingest: ${label}: ${args.requests} requests at ${args.connections} connections ...\n`);
    return load(server.pid, server.url, bodies, tokens, 0, args.requests, args.connections);
  };

  const echo = await startEcho();
  let anchor: LoadResult;
  try {
    anchor = await run(echo, 'bare Fastify echo');
  } finally {
    await echo.stop();
  }

  const dataDir = freshDataDir('ingest', seed);
  let api: ServerProcess | undefined;
  let ledger: LoadResult;
  let stored: number;
  let catchUpSeconds: number;
  let rss: number;
  let fsyncRate: number;
  let breakdown: ReturnType<typeof cpuBreakdown> = [];
  let killed = false;
  try {
    const profileDir = join(dataDir, 'cpu-profile');
    const nodeArgs = args.profile ? [...args.apiNodeArgs, '--cpu-prof', `--cpu-prof-dir=${profileDir}`] : args.apiNodeArgs;
    api = await startApi(dataDir, { nodeArgs });
    await waitCaughtUp(api);
    ledger = await run(api, 'the API');
    catchUpSeconds = await waitCaughtUp(api, { timeoutMs: 120_000 });
    rss = api.rssMb();
    // Durability: kill -9 right after the load, then count what the log holds. (A profiling run
    // stops gracefully instead, so node can write its profile.)
    const profiling = args.profile || args.apiNodeArgs.some((a) => a.startsWith('--cpu-prof') || a.startsWith('--heap-prof'));
    if (profiling) await api.stop();
    else await api.kill9();
    killed = !profiling;
    if (args.profile) {
      const file = mainThreadProfile(profileDir);
      if (!file) throw new Error(`--profile: the API wrote no CPU profile into ${profileDir}`);
      breakdown = cpuBreakdown(file, { fromUs: ledger.fromUs, toUs: ledger.toUs }, ledger.ok + ledger.failed);
    }
    const db = new Database(join(dataDir, 'events.db'), { readonly: true });
    stored = (db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'AbsenceReported'").get() as { n: number }).n;
    db.close();
    fsyncRate = fsyncAnchor(dataDir);
  } finally {
    await api?.stop();
    removeDir(dataDir, args.keep);
  }
  const answered = ledger.ok + warmupAnswered;
  const ratio = ledger.requestsPerSecond / anchor.requestsPerSecond;
  // One JavaScript thread serves HTTP, the commands and (embedded) the projections: at the target
  // rate a request may take 1 / (0.30 × echo req/s) of it. The edge and the store cost what they
  // cost before any command runs; what is left is what the command and the projections may take.
  const budgetUs = 1e6 / (0.3 * anchor.requestsPerSecond);
  const fixed = breakdown.filter((b) => FIXED_COSTS.has(b.category));
  const fixedUs = fixed.reduce((sum, b) => sum + b.perRequestUs, 0);
  const domainUs = breakdown.filter((b) => DOMAIN_COSTS.has(b.category)).reduce((sum, b) => sum + b.perRequestUs, 0);
  const statuses = Object.entries(ledger.statuses).map(([s, n]) => `${n}×${s}`).join(', ');
  return [
    {
      bench: 'ingest',
      what: `durable POST /v1/absences, ${args.connections} connections (req/s)`,
      value: fmt.int(ledger.requestsPerSecond),
      anchor: `${fmt.int(anchor.requestsPerSecond)} (bare Fastify echo)`,
      ratio: fmt.ratio(ratio),
      target: '≥ 0.30',
      met: ratio >= 0.3 && ledger.failed === 0,
      note: `${ledger.ok} answered 2xx, ${ledger.failed} failed (${statuses}); ${args.requests} measured after ${args.warmup} warm-up requests; ` +
        `projections caught up ${catchUpSeconds.toFixed(2)} s after the last answer; API RSS ${fmt.mb(rss)}`,
    },
    {
      bench: 'ingest',
      what: 'server CPU per request (ms)',
      value: ((1000 * ledger.serverCores) / ledger.requestsPerSecond).toFixed(3),
      anchor: ((1000 * anchor.serverCores) / anchor.requestsPerSecond).toFixed(3),
      note: 'user + system CPU of the server process during the measured load, divided by the requests answered: steadier than req/s on a shared machine',
    },
    {
      bench: 'ingest',
      what: 'server CPU during the load (cores)',
      value: ledger.serverCores.toFixed(2),
      anchor: anchor.serverCores.toFixed(2),
      note: 'autocannon runs on the same 2 cores: a server below ~1 core is limited by the load generator, not by itself',
    },
    { bench: 'ingest', what: 'latency p50', value: fmt.ms(ledger.p50), anchor: fmt.ms(anchor.p50) },
    { bench: 'ingest', what: 'latency p99', value: fmt.ms(ledger.p99), anchor: fmt.ms(anchor.p99), target: '≤ 50 ms', met: ledger.p99 <= 50 },
    { bench: 'ingest', what: 'latency max', value: fmt.ms(ledger.max), anchor: fmt.ms(anchor.max) },
    {
      bench: 'ingest',
      what: killed ? 'answered reports in the log after kill -9' : 'answered reports in the log after SIGTERM (profiling: no kill -9 check)',
      value: `${stored} of ${answered}`,
      met: stored >= answered,
      note: killed ? 'the API is killed with SIGKILL right after the load; every 2xx must be in events.db' : 'a profiled API stops gracefully so node can write its profile',
    },
    ...breakdown.map(
      (b): Figure => ({
        bench: 'ingest',
        what: `  main thread per request: ${b.category}`,
        value: `${fmt.int(b.perRequestUs)} µs`,
        note: `--profile: ${Math.round(100 * b.share)} % of the API's main-thread time during the measured load (node --cpu-prof, sampled)`,
      }),
    ),
    ...(breakdown.length === 0
      ? []
      : [
          {
            bench: 'ingest',
            what: '  main thread per request at the target (0.30 × the echo)',
            value: `${fmt.int(budgetUs)} µs`,
            note: `1 / (0.30 × ${fmt.int(anchor.requestsPerSecond)} req/s): HTTP, the command and the projections share one JavaScript thread`,
          } satisfies Figure,
          {
            bench: 'ingest',
            what: '  of which the edge and the store take, before any command runs',
            value: `${fmt.int(fixedUs)} µs`,
            note: `${fixed.map((b) => `${b.category} ${fmt.int(b.perRequestUs)}`).join(', ')} µs: leaves ${fmt.int(budgetUs - fixedUs)} µs for the command and the projections, which took ${fmt.int(domainUs)} µs`,
          } satisfies Figure,
        ]),
    {
      bench: 'ingest',
      what: 'context: SQLite one-row commits/s, synchronous=FULL',
      value: fmt.int(fsyncRate),
      note: 'what one fsync per command would allow on this disk; group commit is what lets the API go beyond it',
    },
  ];
}

if (require.main === module) {
  const args = parseArgs();
  benchIngest(args)
    .then((figures) => printFigures('Frånvaroliggaren benchmarks: ingest', figures, args.json))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
