import { stockholmDateOf } from '@ledger/domain';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addMonths, dayOf } from '../simulation/days';
import { DEFAULT_CONCURRENCY } from '../simulation/parameters';
import { SimulationResult, runSimulation } from '../simulation/simulation';

/** The demo municipality: a small run of the simulator (`npm run simulate`), written once per data directory. */
export const DEMO_SIMULATION = { employees: 60, months: 3, seed: 'demo' };

/** Written into the data directory when the demo simulation has finished; its presence means "already there". */
export const DEMO_MARKER_FILE = 'demo-simulation.json';

export interface SeededDemo {
  /** An employee with some history and nothing registered from today on (so a new sick report is accepted). */
  employee: string;
  /** A manager of that employee's department. */
  manager: string;
  department: string;
  /** A case in that department waiting for the manager's attestation, with its current version. */
  pending: { absenceId: string; version: number } | null;
  /** A case of the employee, for its history. */
  employeeAbsence: string | null;
  /** First and last simulated month. */
  fromMonth: string;
  toMonth: string;
  summary: string;
}

/**
 * The demo organisation comes from the simulator: 60 employees over the three months before the
 * current one, written through the real command path on a simulated clock. The first start
 * writes it (a few seconds) and leaves a marker; later starts find the marker and skip it.
 */
export async function seedDemoOrganisation(dataDir: string, log: (line: string) => void = console.log): Promise<SeededDemo> {
  const marker = join(dataDir, DEMO_MARKER_FILE);
  if (existsSync(marker) && existsSync(join(dataDir, 'events.db'))) {
    return JSON.parse(readFileSync(marker, 'utf8')) as SeededDemo;
  }
  const today = stockholmDateOf(new Date());
  const start = addMonths(today.slice(0, 7), -DEMO_SIMULATION.months);
  log(`Writing the demo municipality with the simulator (${DEMO_SIMULATION.employees} employees, ${DEMO_SIMULATION.months} months from ${start}) ...`);
  const result = await runSimulation(
    { ...DEMO_SIMULATION, start, dataDir, observations: true, concurrency: DEFAULT_CONCURRENCY },
    { progress: (line) => log(`  ${line}`) },
  );
  const seeded = pickDemoActors(result, today);
  const partial = `${marker}.partial`;
  writeFileSync(partial, JSON.stringify(seeded, null, 2));
  renameSync(partial, marker);
  return seeded;
}

/** Chooses whom the welcome's tokens and curl lines are for, from what the simulation wrote. */
export function pickDemoActors({ summary, organisation, view }: SimulationResult, today: string): SeededDemo {
  const todayDay = dayOf(today);
  const candidates = organisation.employees
    .filter((e) => !e.managerOf)
    .map((e) => {
      const cases = view.casesOf(e.id).filter((c) => !c.withdrawn);
      const department = view.departmentOn(e.id, todayDay) ?? e.employments[0].departmentId;
      const managers = organisation.departmentById.get(department)?.managerIds.filter((m) => m !== e.id) ?? [];
      // Nothing open and nothing registered from today on: the welcome's sick report must be accepted.
      const free = cases.every((c) => c.to !== null && c.to < todayDay);
      return { e, cases, department, managers, free };
    })
    .filter((x) => x.free && x.managers.length > 0)
    .sort((a, b) => b.cases.length - a.cases.length || (a.e.id < b.e.id ? -1 : 1));
  const chosen = candidates[0];
  if (!chosen) throw new Error('the demo simulation left no employee free to report today; remove the data directory and start again');
  const pending = view
    .pendingIn(chosen.department)
    .filter((c) => c.employeeId !== chosen.managers[0])
    .sort((a, b) => a.plan.report.at - b.plan.report.at)[0];
  const latest = [...chosen.cases].sort((a, b) => b.from - a.from)[0];
  const totalCases = [...view.cases.values()].length;
  return {
    employee: chosen.e.id,
    manager: chosen.managers[0],
    department: chosen.department,
    pending: pending ? { absenceId: pending.absenceId, version: pending.version } : null,
    employeeAbsence: latest?.absenceId ?? null,
    fromMonth: summary.start,
    toMonth: summary.lastDay.slice(0, 7),
    summary:
      `${summary.departments} departments, ${summary.employees} employees, ${totalCases} absence cases and ${summary.events} events ` +
      `(${summary.start} to ${summary.lastDay.slice(0, 7)}, simulator seed "${summary.seed}"); ` +
      `manager ${chosen.managers[0]} leads ${chosen.department}, where employee ${chosen.e.id} works.`,
  };
}
