/**
 * npm run simulate -- --employees N --months M --seed S [--start YYYY-MM] [--data-dir DIR]
 *                     [--concurrency C] [--max-events N] [--no-observations] [--log-only] [--json]
 *
 * Writes a synthetic municipality's absence history through the real command path (the app booted
 * as an application context on a simulated clock). The model and all its numbers live in
 * tools/simulation (parameters.ts). A line per simulated month goes to stderr; the summary to stdout.
 */
import 'reflect-metadata';
import { loadConfig } from '@ledger/config';
import { resolve } from 'node:path';
import { addMonths } from './simulation/days';
import { DEFAULT_CONCURRENCY, SimulationOptions } from './simulation/parameters';
import { runSimulation } from './simulation/simulation';

const USAGE = `usage: npm run simulate -- --employees N --months M --seed S [options]
  --employees N       staff of the municipality (default 2000)
  --months M          simulated months (default 12)
  --seed S            any text; the same seed writes the same history (default 1)
  --start YYYY-MM     first simulated month (default: M months before the current month)
  --data-dir DIR      where to write (default LEDGER_DATA_DIR or ./data)
  --concurrency C     employees whose commands run side by side (default ${DEFAULT_CONCURRENCY}; 1 = the log in strict time order)
  --max-events N      stop at the end of the simulated month in which the log has grown by N events
  --no-observations   post no observations from scheduling and time clocks
  --log-only          run only the projections the commands read (the other read models are built
                      when the ledger next starts on the data directory); for building big logs
  --json              print the summary as JSON`;

function parse(argv: string[]): SimulationOptions & { json: boolean } {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') fail('');
    if (arg === '--no-observations' || arg === '--json' || arg === '--log-only') switches.add(arg);
    else if (arg.startsWith('--') && i + 1 < argv.length) flags.set(arg, argv[++i]);
    else fail(`unknown argument ${arg}`);
  }
  const known = ['--employees', '--months', '--seed', '--start', '--data-dir', '--concurrency', '--max-events'];
  for (const k of flags.keys()) if (!known.includes(k)) fail(`unknown option ${k}`);
  const int = (name: string, fallback: number, min: number, max: number) => {
    const v = flags.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be a whole number ${min}–${max}`);
    return n;
  };
  const months = int('--months', 12, 1, 120);
  const now = new Date();
  const currentMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const start = flags.get('--start') ?? addMonths(currentMonth, -months);
  if (!/^(20\d\d)-(0[1-9]|1[0-2])$/.test(start) || start < '2001-01') fail('--start must be a month YYYY-MM from 2001-01');
  const seed = flags.get('--seed') ?? '1';
  if (seed.length === 0 || seed.length > 100) fail('--seed must be 1–100 characters');
  const maxEvents = flags.has('--max-events') ? int('--max-events', 0, 1, 1e9) : undefined;
  return {
    employees: int('--employees', 2000, 1, 99_999),
    months,
    seed,
    start,
    dataDir: resolve(flags.get('--data-dir') ?? loadConfig().dataDir),
    observations: !switches.has('--no-observations'),
    concurrency: int('--concurrency', DEFAULT_CONCURRENCY, 1, 1024),
    maxEvents,
    json: switches.has('--json'),
    logOnly: switches.has('--log-only'),
  };
}

function fail(message: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(message ? 2 : 0);
}

async function main(): Promise<void> {
  const { json, ...options } = parse(process.argv.slice(2));
  console.error(
    `simulating ${options.employees} employees, ${options.months} months from ${options.start}, seed ${options.seed}, ` +
      `into ${options.dataDir} (concurrency ${options.concurrency}${options.observations ? '' : ', no observations'}${options.logOnly ? ', log only' : ''})`,
  );
  const { summary } = await runSimulation(options, { progress: (line) => console.error(line) });
  if (json) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  const f = summary.figures;
  const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)} %` : '-');
  console.log(
    [
      `${summary.events} events in ${summary.seconds} s (${summary.eventsPerSecond} events/s); ${summary.departments} departments, ${summary.employees} employees, ${summary.firstDay} to ${summary.lastDay}`,
      `commands: ${Object.entries(summary.commands).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `refused by a rule: ${Object.keys(summary.refused).length === 0 ? 'none' : Object.entries(summary.refused).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      ...Object.entries(summary.refusalExamples).map(([k, v]) => `  e.g. ${k}: ${v}`),
      `sick and VAB reports ${f.sickAndVabReports}, late ${f.lateReports} (${pct(f.lateReports, f.sickAndVabReports)}); reports by a manager ${f.reportsByManager}, by HR ${f.reportsByHr}`,
      `returns late ${f.lateReturns}, reported by a manager ${f.returnsByManager}, prompted by a new report ${f.returnsPromptedByNewReport}; open without a return at the end ${f.openWithoutReturn}`,
      `attestations within a week ${f.attestationsWithinWeek}, after the cut-off ${f.attestationsAfterCutoff}; waiting at the end ${f.awaitingAttestation}; returned and not yet corrected ${f.rejectedNotCorrected}; corrections after attestation ${f.correctionsAfterAttestation}`,
      `open-ended reports cut short of a registered absence ${f.reportsCappedBeforeNextAbsence}; planned reports put off until an open sick leave ended ${f.reportsPostponed}`,
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
