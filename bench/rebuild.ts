/**
 * npm run bench:rebuild: a full rebuild of every projection (what `npm run rebuild` does) over a
 * realistic log, in events/s, against a raw SQLite scan of the same events table plus JSON.parse
 * of data and metadata, measured in the same run.
 *
 * events/s = events in the log / wall time of rebuilding every projection from position 0 into
 * fresh read models (read, apply, commit), so it is directly comparable to the scan's rows/s.
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { BenchArgs, parseArgs } from './lib/args';
import { Dataset, freshDataDir, realisticLog, removeDir } from './lib/datasets';
import { Figure, fmt, printFigures } from './lib/report';

/** Rows per second of a raw scan: the runner's query shape (position > ? LIMIT 2000) and JSON.parse of both columns. */
export function rawScan(file: string, batchSize = 2000): { rows: number; seconds: number; rowsPerSecond: number } {
  const db = new Database(file, { readonly: true });
  const stmt = db
    .prepare<[bigint, number], { position: bigint; data: string; metadata: string }>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?')
    .safeIntegers(true);
  const started = process.hrtime.bigint();
  let after = 0n;
  let rows = 0;
  let sink = 0;
  for (;;) {
    const batch = stmt.all(after, batchSize);
    if (batch.length === 0) break;
    for (const row of batch) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
      if (data && metadata) sink++;
    }
    rows += batch.length;
    after = batch[batch.length - 1].position;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  if (sink !== rows) throw new Error('scan lost rows');
  return { rows, seconds, rowsPerSecond: rows / seconds };
}

export interface RebuildResult {
  events: number;
  seconds: number;
  projections: Array<{ name: string; events: number; applySeconds: number; commitSeconds: number }>;
}

/** Rebuilds every projection of the ledger from position 0 in a fresh data directory, in this process. */
export async function rebuildAll(dataDir: string): Promise<RebuildResult> {
  process.env.LEDGER_DATA_DIR = dataDir;
  process.env.LEDGER_PROFILE = 'embedded';
  process.env.LEDGER_EVENT_STORE = 'sqlite';
  process.env.LEDGER_READ_STORE = 'sqlite';
  const { LedgerModule } = await import('../apps/api/src/ledger/ledger.module');
  const { ProjectionsService } = await import('../apps/api/src/ledger/projections.service');
  const app = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error', 'warn'] });
  try {
    const projections = app.get(ProjectionsService);
    const started = process.hrtime.bigint();
    const results = await projections.rebuildAll();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const db = new Database(join(dataDir, 'events.db'), { readonly: true });
    const events = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    db.close();
    return {
      events,
      seconds,
      projections: results.map((r) => ({ name: r.name, events: r.events, applySeconds: r.applySeconds, commitSeconds: r.commitSeconds })),
    };
  } finally {
    await app.close();
  }
}

export async function benchRebuild(args: BenchArgs, dataset?: Dataset): Promise<Figure[]> {
  const log = dataset ?? (await realisticLog(args));
  const dataDir = freshDataDir('rebuild', log);
  try {
    const file = join(dataDir, 'events.db');
    process.stderr.write(`rebuild: raw scan of ${log.summary.events} events ...\n`);
    const scan1 = rawScan(file);
    process.stderr.write(`rebuild: rebuilding every projection ...\n`);
    const rebuild = await rebuildAll(dataDir);
    process.stderr.write(`rebuild: raw scan again ...\n`);
    const scan2 = rawScan(file);
    // The faster scan is the anchor: the ratio never flatters the rebuild.
    const anchor = scan1.rowsPerSecond > scan2.rowsPerSecond ? scan1 : scan2;
    const rate = rebuild.events / rebuild.seconds;
    const ratio = rate / anchor.rowsPerSecond;
    const shared = rebuild.seconds - rebuild.projections.reduce((sum, p) => sum + p.applySeconds + p.commitSeconds, 0);
    return [
      {
        bench: 'rebuild',
        what: `full rebuild, ${rebuild.projections.length} projections, ${fmt.int(rebuild.events)} events (events/s)`,
        value: fmt.int(rate),
        anchor: `${fmt.int(anchor.rowsPerSecond)} (raw scan + JSON.parse)`,
        ratio: fmt.ratio(ratio),
        target: '≥ 0.5',
        met: ratio >= 0.5,
        note:
          `log from the ${log.source} (${log.summary.employees} employees, ${log.summary.firstDay} to ${log.summary.lastDay}); ` +
          `${rebuild.seconds.toFixed(1)} s in all; scans ${fmt.int(scan1.rowsPerSecond)} and ${fmt.int(scan2.rowsPerSecond)} rows/s`,
      },
      // Where the time goes: each projection's apply and commit, and the shared read and parse.
      ...rebuild.projections.map(
        (p): Figure => ({
          bench: 'rebuild',
          what: `  ${p.name}: events applied per second of its own time`,
          value: fmt.int(p.events / Math.max(p.applySeconds + p.commitSeconds, 1e-9)),
          note: `${p.name}: ${fmt.int(p.events)} events applied in ${p.applySeconds.toFixed(1)} s, its read model committed in ${p.commitSeconds.toFixed(1)} s (${Math.round((100 * (p.applySeconds + p.commitSeconds)) / rebuild.seconds)} % of the rebuild)`,
        }),
      ),
      {
        bench: 'rebuild',
        what: '  reading and parsing the log (shared)',
        value: `${shared.toFixed(1)} s`,
        note: `the pass's time outside every projection: reading batches from SQLite and parsing them (${Math.round((100 * shared) / rebuild.seconds)} % of the rebuild)`,
      },
    ];
  } finally {
    removeDir(dataDir, args.keep);
  }
}

if (require.main === module) {
  const args = parseArgs();
  benchRebuild(args)
    .then((figures) => printFigures('Frånvaroliggaren benchmarks: rebuild', figures, args.json))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
