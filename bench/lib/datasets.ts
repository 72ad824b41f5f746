import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchArgs } from './args';
import { GenerateSummary, generateLog } from './generator';
import { findSimulator, runSimulator } from './simulator';

/** Bump when the generator's model changes: cached data sets of the old model are not reused. */
export const GENERATOR_VERSION = 1;
/** First simulated day of every generated log (a fixed date keeps the cache key stable). */
export const LOG_START = '2025-08-01';

export interface Dataset {
  key: string;
  dir: string;
  /** The events.db to copy into a run's data directory (never opened for writing by a benchmark). */
  eventsFile: string;
  source: 'bench generator' | 'simulator';
  summary: GenerateSummary & Record<string, unknown>;
}

export const benchRoot = () => join(process.cwd(), '.bench');

function progressPrinter(label: string) {
  let last = 0;
  const started = Date.now();
  return (p: { events: number; day: string; phase: string }, target?: number) => {
    if (Date.now() - last < 2000 && p.phase !== 'done') return;
    last = Date.now();
    const secs = (Date.now() - started) / 1000;
    const pct = target ? ` (${Math.min(100, Math.round((100 * p.events) / target))} %)` : '';
    process.stderr.write(
      `  ${label}: ${p.phase}, simulated day ${p.day}, ${p.events.toLocaleString('en-US')} events${pct}, ${Math.round(p.events / Math.max(secs, 0.001)).toLocaleString('en-US')} events/s\n`,
    );
  };
}

async function cached(key: string, source: Dataset['source'], build: (file: string) => Promise<GenerateSummary & Record<string, unknown>>): Promise<Dataset> {
  const dir = join(benchRoot(), 'data', key);
  const eventsFile = join(dir, 'events.db');
  const meta = join(dir, 'dataset.json');
  if (existsSync(meta) && existsSync(eventsFile)) {
    return { key, dir, eventsFile, source, summary: JSON.parse(readFileSync(meta, 'utf8')) };
  }
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const summary = await build(join(partial, 'events.db'));
  for (const f of ['events.db-wal', 'events.db-shm']) rmSync(join(partial, f), { force: true });
  writeFileSync(join(partial, 'dataset.json'), JSON.stringify(summary, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { key, dir, eventsFile, source, summary };
}

/** Departments and employees only: the seed of the ingest run (its reports need known employees). */
export function masterDataSeed(employees: number, seed: number): Promise<Dataset> {
  const key = `seed-g${GENERATOR_VERSION}-e${employees}-s${seed}`;
  return cached(key, 'bench generator', async (file) => {
    process.stderr.write(`building the master-data seed (${employees} employees) into .bench/data/${key} ...\n`);
    const progress = progressPrinter('seed');
    const summary = await generateLog({ file, employees, events: 0, seed, start: LOG_START, masterDataOnly: true, onProgress: (p) => progress(p) });
    return { ...summary };
  });
}

/**
 * The realistic log for rebuild, payroll, as-of and memory: from the project's simulator when it
 * is there (`--source auto|simulator`), otherwise from the bench generator (deciders + command
 * pipeline). Cached under .bench/data keyed by its parameters.
 */
export async function realisticLog(args: BenchArgs): Promise<Dataset> {
  const simulator = args.source === 'generator' ? undefined : findSimulator();
  if (args.source === 'simulator' && !simulator) throw new Error('--source simulator: the simulator (dist/tools/simulate.js) is not built');
  if (simulator) {
    const key = `sim-e${args.employees}-n${args.events}-s${args.seed}`;
    return cached(key, 'simulator', (file) => runSimulator(simulator, { file, employees: args.employees, events: args.events, seed: args.seed }));
  }
  const key = `log-g${GENERATOR_VERSION}-e${args.employees}-n${args.events}-s${args.seed}`;
  return cached(key, 'bench generator', async (file) => {
    process.stderr.write(`building the realistic log (${args.events} events, ${args.employees} employees) into .bench/data/${key} ...\n`);
    const progress = progressPrinter('log');
    const summary = await generateLog({
      file,
      employees: args.employees,
      events: args.events,
      seed: args.seed,
      start: LOG_START,
      onProgress: (p) => progress(p, args.events),
    });
    progress({ events: summary.events, day: summary.lastDay, phase: 'done' }, args.events);
    return { ...summary };
  });
}

/** A fresh data directory under .bench/runs holding a copy of the data set's events.db. */
export function freshDataDir(name: string, dataset?: Dataset): string {
  const dir = join(benchRoot(), 'runs', `${name}-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  if (dataset) {
    copyFileSync(dataset.eventsFile, join(dir, 'events.db'));
    // The per-person keys and the master key that wraps them, so sealed fields stay readable.
    for (const f of ['keys.db', 'master.key']) if (existsSync(join(dataset.dir, f))) copyFileSync(join(dataset.dir, f), join(dir, f));
  }
  return dir;
}

export function removeDir(dir: string, keep: boolean): void {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
