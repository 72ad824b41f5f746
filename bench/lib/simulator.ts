import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GenerateSummary } from './generator';

/** The project's simulator entry point in dist/ (`npm run simulate`), when it has been built. */
export function findSimulator(): string | undefined {
  const main = resolve(__dirname, '../../tools/simulate.js');
  return existsSync(main) ? main : undefined;
}

/** First simulated month: fixed, so a data set's cache key means the same history on every day it is built. */
export const SIMULATION_START = '2024-01';
/** Months the simulator may run; --max-events ends it at the end of the month that reaches the size. */
const MAX_SIMULATION_MONTHS = 60;
/**
 * Events a simulated employee adds to the log per month (2.6 measured over 4 000 employees × 12
 * months). The simulator plans every month it is given up front, so it is given the months the
 * size needs and a third more, not the maximum: planning 60 months for 40 000 people took minutes
 * and gigabytes before the first event.
 */
const EVENTS_PER_EMPLOYEE_MONTH = 2.6;

export function simulationMonthsFor(events: number, employees: number): number {
  return Math.min(MAX_SIMULATION_MONTHS, Math.max(2, Math.ceil((1.34 * events) / (employees * EVENTS_PER_EMPLOYEE_MONTH))));
}

interface SimulatorSummary {
  events: number;
  employees: number;
  departments: number;
  firstDay: string;
  lastDay: string;
  seconds: number;
  commands: Record<string, number>;
  refused: Record<string, number>;
}

/**
 * Runs `npm run simulate` (the built tools/simulate.js) into the directory of `file`: the real
 * application on a simulated clock, writing through the command bus with its projections running.
 * Its per-month progress lines go to stderr as they come. Only events.db is kept.
 */
export function runSimulator(
  main: string,
  options: { file: string; employees: number; events: number; seed: number },
): Promise<GenerateSummary & Record<string, unknown>> {
  const dir = dirname(options.file);
  const argv = [
    main,
    '--employees', String(options.employees),
    '--months', String(simulationMonthsFor(options.events, options.employees)),
    '--max-events', String(options.events),
    '--seed', String(options.seed),
    '--start', SIMULATION_START,
    '--data-dir', dir,
    '--log-only',
    '--json',
  ];
  process.stderr.write(`building the realistic log with the simulator: node ${argv.map((a) => a.replace(process.cwd() + '/', '')).join(' ')}\n`);
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LEDGER_PROFILE: 'embedded' } });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => process.stderr.write(`  simulate: ${b.toString().replace(/\n(?=.)/g, '\n  simulate: ')}`));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`the simulator exited with ${code}`));
      try {
        const s = JSON.parse(out) as SimulatorSummary;
        for (const f of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm']) rmSync(join(dir, f), { force: true });
        ok({
          ...s,
          generator: 'simulator',
          cases: s.commands.report_absence ?? 0,
          lockedPeriods: [],
          refused: s.refused,
        });
      } catch (error) {
        fail(new Error(`the simulator's summary is not JSON: ${String(error)}\n${out.slice(0, 500)}`));
      }
    });
  });
}
