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
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BenchArgs, parseArgs } from './lib/args';
import { Dataset, freshDataDir, realisticLog, removeDir } from './lib/datasets';
import { embeddedProfileEnv, npmScriptNodeFlags } from './lib/proc';
import { Figure, fmt, printFigures } from './lib/report';

/** The built `npm run rebuild` tool, beside this file in dist/. */
const REBUILD_MAIN = resolve(__dirname, '../tools/rebuild.js');

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

/**
 * What any rebuild must spend beyond the anchor's own read and parse, whatever its runtime: the
 * read models it produced, serialized once and written once. Measured on the rebuilt file itself:
 * JSON.stringify of every document (parsed first, untimed), and one INSERT … SELECT of every
 * document and index entry into a fresh file with the read store's settings, inside SQLite with no
 * JavaScript per row: a lower bound on writing them, since a rebuild also writes each document
 * once per commit window, not once in all.
 */
export function writeFloor(readModelsFile: string): { documents: number; indexEntries: number; megabytes: number; stringifySeconds: number; writeSeconds: number } {
  const out = `${readModelsFile}.floor`;
  const removeOut = () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(out + suffix, { force: true }));
  removeOut();
  const db = new Database(out);
  try {
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`ATTACH '${readModelsFile.replace(/'/g, "''")}' AS src`);
    const schema = db.prepare<[], { sql: string }>("SELECT sql FROM src.sqlite_master WHERE name IN ('documents', 'index_entries')").all();
    for (const { sql } of schema) db.exec(sql);
    let stringifySeconds = 0;
    let bytes = 0;
    let documents = 0;
    for (const [value] of db.prepare<[], [string]>('SELECT value FROM src.documents').raw(true).iterate()) {
      const parsed: unknown = JSON.parse(value);
      const started = process.hrtime.bigint();
      bytes += JSON.stringify(parsed).length;
      stringifySeconds += Number(process.hrtime.bigint() - started) / 1e9;
      documents++;
    }
    const started = process.hrtime.bigint();
    db.transaction(() => {
      db.exec('INSERT INTO main.documents SELECT * FROM src.documents ORDER BY namespace, collection, key');
      db.exec('INSERT INTO main.index_entries SELECT * FROM src.index_entries ORDER BY namespace, collection, idx, ival, key');
    })();
    // Committed to the WAL, not yet checkpointed into the file: the floor leaves that out too.
    const writeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const indexEntries = (db.prepare('SELECT COUNT(*) AS n FROM main.index_entries').get() as { n: number }).n;
    return { documents, indexEntries, megabytes: bytes / 1e6, stringifySeconds, writeSeconds };
  } finally {
    db.close();
    removeOut();
  }
}

export interface RebuildResult {
  events: number;
  /** The tool's one pass over the log for every projection (its start-up not included). */
  seconds: number;
  /** The node flags `npm run rebuild` runs the tool with. */
  nodeFlags: string[];
  projections: Array<{ name: string; events: number; applySeconds: number; commitSeconds: number }>;
}

/**
 * Rebuilds every projection of the ledger from position 0 in a fresh data directory the way
 * `npm run rebuild` does: the built tool as its own process, with that script's node flags.
 */
export async function rebuildAll(dataDir: string): Promise<RebuildResult> {
  const jsonFile = join(dataDir, 'rebuild.json');
  const flags = npmScriptNodeFlags('rebuild');
  const child = spawn(process.execPath, [...flags, REBUILD_MAIN, '--json', jsonFile], {
    env: { ...process.env, ...embeddedProfileEnv(dataDir) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  if (code !== 0) throw new Error(`npm run rebuild (${[...flags, 'dist/tools/rebuild.js'].join(' ')}) exited with ${code}:\n${output}`);
  const result = JSON.parse(readFileSync(jsonFile, 'utf8')) as { seconds: number; projections: RebuildResult['projections'] };
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  const events = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  db.close();
  return { events, seconds: result.seconds, nodeFlags: flags, projections: result.projections };
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
    process.stderr.write(`rebuild: the floor: serializing and writing the rebuilt read models once ...\n`);
    const floor = writeFloor(join(dataDir, 'read-models.db'));
    // Per event of the log, in µs: the budget the target leaves, the anchor's own share of it, and the floor.
    const perEvent = (s: number) => (s * 1e6) / rebuild.events;
    const anchorUs = 1e6 / anchor.rowsPerSecond;
    const floorUs = perEvent(floor.stringifySeconds + floor.writeSeconds);
    const ceiling = anchorUs / (anchorUs + floorUs);
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
          `npm run rebuild's tool as its own process (node ${rebuild.nodeFlags.join(' ') || 'without flags'}); ` +
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
        what: '  floor: the rebuilt read models serialized and written once (µs per event)',
        value: fmt.num(floorUs, 1),
        anchor: `${fmt.num(anchorUs, 1)} (raw scan + JSON.parse)`,
        note:
          `${fmt.int(floor.documents)} documents (${floor.megabytes.toFixed(0)} MB of JSON) and ${fmt.int(floor.indexEntries)} index entries: ` +
          `JSON.stringify of each once ${floor.stringifySeconds.toFixed(2)} s, one INSERT … SELECT of all of them inside SQLite ${floor.writeSeconds.toFixed(2)} s; ` +
          `the target leaves ${fmt.num(2 * anchorUs, 1)} µs per event in all`,
      },
      {
        bench: 'rebuild',
        what: '  the highest ratio a rebuild writing these read models can reach',
        value: fmt.ratio(ceiling),
        target: '≥ 0.5',
        met: ceiling >= 0.5,
        note: 'anchor / (anchor + floor): the read and parse of the log plus the floor above, with applying the events costing nothing',
      },
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
