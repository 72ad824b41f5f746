/**
 * `npm run bench:verify [-- --events N]` (default 20 000): the time, highest RSS and longest
 * event-loop stall of verifying a sealed log (GET /v1/audit/verify's verifyLog), beside a raw scan
 * of the same log through the same port (readAll in the same batches, JSON parsed, nothing checked).
 * Each is measured in a child process of its own with the API's heap cap (256 MB).
 *
 * The log is synthetic but shaped like the ledger's: absence streams of 1–4 events with realistic
 * data and metadata, hash-chained per stream, written to SQLite and sealed with a throw-away key.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EventToAppend, SealKey, Sealer, chainHash, verifyLog } from '@ledger/event-store';
import { SqliteEventStore, SqliteSealStore } from '@ledger/event-store/sqlite';

const KEY = 'bench-audit-signing-key-of-at-least-32-bytes';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const n = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

async function build(dir: string, events: number): Promise<void> {
  const store = new SqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'NORMAL', backgroundCheckpoints: false });
  const seal = new SqliteSealStore({ file: join(dir, 'audit-seal.db') });
  const sealer = new Sealer(store, seal, SealKey.fromSecret(KEY));
  const types = ['AbsenceReported', 'AbsenceAttested', 'AbsenceCorrected', 'ReturnReported'];
  let written = 0;
  let pending: Promise<unknown>[] = [];
  while (written < events) {
    const streamId = `absence-${randomUUID()}`;
    const n = Math.min(1 + (written % 4), events - written);
    let prevHash = '';
    const batch: EventToAppend[] = [];
    for (let r = 0; r < n; r++) {
      const id = randomUUID();
      const data = { absenceId: streamId.slice(8), employeeId: `E${written % 40_000}`, departmentId: `D${written % 400}`, type: 'sick', from: '2025-03-03', to: '2025-03-07', extentPercent: 100, channel: 'web', comment: null };
      const metadata = { recordedAt: new Date(1_740_000_000_000 + written * 1000).toISOString(), actor: { sub: `E${written % 40_000}`, roles: ['employee'] }, prevHash, hash: '' };
      metadata.hash = chainHash(prevHash, { streamId, revision: BigInt(r), id, type: types[r], data, recordedAt: metadata.recordedAt, actor: metadata.actor });
      prevHash = metadata.hash;
      batch.push({ id, type: types[r], data, metadata });
    }
    pending.push(store.append(streamId, batch, 'no_stream'));
    written += n;
    if (pending.length >= 500) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  for (let after: bigint | undefined; ; ) {
    const batch = await store.readAll({ after, maxCount: 5000 });
    if (batch.length === 0) break;
    await sealer.seal(batch);
    after = batch[batch.length - 1].position;
  }
  await seal.close();
  await store.close();
}

/** In the child: one measured pass, printed as JSON. */
async function child(kind: 'raw' | 'verify', dir: string): Promise<void> {
  const store = new SqliteEventStore({ file: join(dir, 'events.db'), backgroundCheckpoints: false });
  const seal = new SqliteSealStore({ file: join(dir, 'audit-seal.db') });
  // What the API process has loaded long before a verify: the crypto and the first MAC.
  const key = SealKey.fromSecret(KEY);
  key.mac('warm-up');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = process.hrtime.bigint();
  let events = 0;
  let ok: boolean | undefined;
  if (kind === 'raw') {
    for (let after: bigint | undefined; ; ) {
      await new Promise((r) => setImmediate(r));
      const batch = await store.readAll({ after, maxCount: 500 });
      if (batch.length === 0) break;
      events += batch.length;
      after = batch[batch.length - 1].position;
    }
  } else {
    const result = await verifyLog(store, seal, key);
    events = result.eventsChecked;
    ok = result.ok;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  loop.disable();
  process.stdout.write(
    JSON.stringify({ kind, events, ok, seconds: ms / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, maxLoopDelayMs: loop.max / 1e6 }) + '\n',
  );
  await seal.close();
  await store.close();
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--child');
  if (i >= 0) return child(process.argv[i + 1] as 'raw' | 'verify', process.argv[i + 2]);
  const events = flag('events', 20_000);
  const root = join(process.cwd(), '.bench');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'verify-'));
  try {
    const t0 = Date.now();
    process.stderr.write(`building and sealing a ${events.toLocaleString('en-US')}-event log ...\n`);
    await build(dir, events);
    process.stderr.write(`  built in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const run = (kind: string) =>
      JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=256', __filename, '--child', kind, dir], { encoding: 'utf8' }).trim().split('\n').pop()!);
    const raw = run('raw');
    const verify = run('verify');
    const row = (r: { kind: string; events: number; seconds: number; maxRssMB: number; maxLoopDelayMs: number; ok?: boolean }) =>
      `${r.kind.padEnd(8)} ${String(r.events).padStart(10)} ${r.seconds.toFixed(2).padStart(9)} ${r.maxRssMB.toFixed(0).padStart(12)} ${r.maxLoopDelayMs.toFixed(0).padStart(16)}${r.ok === undefined ? '' : `   ok=${r.ok}`}`;
    console.log(`verify of a sealed ${events.toLocaleString('en-US')}-event log (node ${process.version}, heap cap 256 MB)`);
    console.log('pass         events   seconds  highest RSS MB  longest stall ms');
    console.log(row(raw));
    console.log(row(verify));
    console.log(`verify / raw scan: ${(verify.seconds / raw.seconds).toFixed(2)}× the time; ${(verify.events / verify.seconds).toFixed(0)} events/s`);
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
