/**
 * npm run bench:encryption: what per-person encryption of personal fields costs. The same runs
 * with PERSONAL_DATA_ENCRYPTION=off and =on side by side, in one process, on the same machine:
 *
 * - ingest: durable POST /v1/absences over HTTP, each report with a free-text comment (so every
 *   request seals one field), by distinct employees recorded beforehand (their keys made then);
 * - as-of: GET /v1/absences/{id}?asOf= on a generated log (the answers open sealed reasons);
 * - payroll: the lines of one month.
 *
 * Small by default (2 000 employees, 20 000 events, 5 000 requests); the flags of the other
 * benchmarks apply (--employees, --events, --requests, --warmup, --connections, --reads, --json).
 * Target: ingest with encryption costs less than 20 % (req/s on ≥ 0.80 × off).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { mintToken } from '@ledger/config';
import { stockholmDateOf } from '@ledger/domain';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgs, parseArgs } from './lib/args';
import { benchAsOf, benchPayroll, withDatasetApi } from './lib/dataset-api';
import { Dataset, LOG_START, benchRoot, freshDataDir, removeDir } from './lib/datasets';
import { employeeIdOf, generateLog } from './lib/generator';
import { BENCH_SECRET, cpuSeconds, startApi, waitCaughtUp } from './lib/proc';
import { Figure, fmt, printFigures } from './lib/report';

type Mode = 'off' | 'on';

/** A log built by the bench generator with encryption set to `mode` (keys.db and master.key beside it when on). */
async function buildLog(mode: Mode, name: string, options: { employees: number; events: number; seed: number; masterDataOnly?: boolean }): Promise<Dataset> {
  const dir = join(benchRoot(), 'runs', `encryption-${name}-${mode}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const eventsFile = join(dir, 'events.db');
  process.env.PERSONAL_DATA_ENCRYPTION = mode;
  process.stderr.write(`encryption: building ${name} (${mode}): ${options.employees} employees, ${options.masterDataOnly ? 'master data only' : `${options.events} events`} ...\n`);
  const summary = await generateLog({ file: eventsFile, employees: options.employees, events: options.events, seed: options.seed, start: LOG_START, masterDataOnly: options.masterDataOnly });
  return { key: `${name}-${mode}`, dir, eventsFile, source: 'bench generator', summary: { ...summary } };
}

interface IngestResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  cpuMsPerRequest: number;
}

async function ingest(mode: Mode, seed: Dataset, args: BenchArgs): Promise<IngestResult> {
  const pool = args.requests + args.warmup;
  const today = stockholmDateOf(new Date());
  const tokens = await Promise.all(Array.from({ length: pool }, (_, i) => mintToken(BENCH_SECRET, employeeIdOf(i), ['employee'])));
  const bodies = tokens.map((_, i) => JSON.stringify({ employeeId: employeeIdOf(i), type: 'sick', from: today, channel: 'mobile', comment: `Feber och huvudvärk, hör av mig i morgon (${i})` }));
  const dataDir = freshDataDir(`encryption-ingest-${mode}`, seed);
  const api = await startApi(dataDir, { nodeArgs: args.apiNodeArgs, env: { PERSONAL_DATA_ENCRYPTION: mode } });
  try {
    await waitCaughtUp(api);
    let next = 0;
    const run = async (amount: number) => {
      const cpuBefore = cpuSeconds(api.pid);
      const started = process.hrtime.bigint();
      const result = await autocannon({
        url: api.url,
        connections: args.connections,
        amount,
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
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const answered = result['2xx'] + result.non2xx;
      return {
        // Over the measured wall-clock time (autocannon's duration is in whole seconds).
        rps: answered / seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        ok: result['2xx'],
        failed: result.non2xx + result.errors + result.timeouts,
        cpuMsPerRequest: (1000 * (cpuSeconds(api.pid) - cpuBefore)) / Math.max(answered, 1),
      };
    };
    process.stderr.write(`encryption: ingest (${mode}): ${args.warmup} warm-up, then ${args.requests} requests at ${args.connections} connections ...\n`);
    if (args.warmup > 0) await run(args.warmup);
    return await run(args.requests);
  } finally {
    await api.stop();
    removeDir(dataDir, args.keep);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(['--employees', '2000', '--events', '20000', '--requests', '5000', '--warmup', '500', '--reads', '500', ...process.argv.slice(2)]);
  const modes: Mode[] = ['off', 'on'];
  const figures: Figure[] = [];
  const ingests: Partial<Record<Mode, IngestResult>> = {};
  const made: Dataset[] = [];
  try {
    for (const mode of modes) {
      const seed = await buildLog(mode, 'seed', { employees: args.requests + args.warmup, events: 0, seed: args.seed, masterDataOnly: true });
      made.push(seed);
      ingests[mode] = await ingest(mode, seed, args);
    }
    for (const mode of modes) {
      const log = await buildLog(mode, 'log', { employees: args.employees, events: args.events, seed: args.seed });
      made.push(log);
      process.env.PERSONAL_DATA_ENCRYPTION = mode;
      const read = await withDatasetApi(args, log, async (session) => [...(await benchAsOf(session, args.reads)), ...(await benchPayroll(session))]);
      for (const f of read) figures.push({ ...f, what: `${f.what} [encryption ${mode}]` });
    }
  } finally {
    for (const d of made) removeDir(d.dir, args.keep);
  }
  const off = ingests.off!;
  const on = ingests.on!;
  const ratio = on.rps / off.rps;
  figures.unshift(
    {
      bench: 'ingest',
      what: `POST /v1/absences with a comment, ${args.connections} connections (req/s), encryption on`,
      value: fmt.int(on.rps),
      anchor: `${fmt.int(off.rps)} (encryption off)`,
      ratio: fmt.ratio(ratio),
      target: '≥ 0.80 (cost < 20 %)',
      met: ratio >= 0.8 && on.failed === 0 && off.failed === 0,
      note: `cost ${((1 - ratio) * 100).toFixed(1)} %; ${on.ok}/${off.ok} answered 2xx, ${on.failed}/${off.failed} failed (on/off)`,
    },
    { bench: 'ingest', what: 'server CPU per request (ms), encryption on', value: on.cpuMsPerRequest.toFixed(3), anchor: `${off.cpuMsPerRequest.toFixed(3)} (off)` },
    { bench: 'ingest', what: 'latency p50, encryption on', value: fmt.ms(on.p50), anchor: `${fmt.ms(off.p50)} (off)` },
    { bench: 'ingest', what: 'latency p99, encryption on', value: fmt.ms(on.p99), anchor: `${fmt.ms(off.p99)} (off)` },
  );
  printFigures('Frånvaroliggaren benchmarks: the cost of encrypting personal fields', figures, args.json);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
