import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { performance } from 'node:perf_hooks';
import { Action, Agenda } from './agenda';
import { planAttestationRounds } from './attestation';
import { Day, addMonths, dateOf, firstDayOfMonth, instantOf, monthOf } from './days';
import { CommandDriver } from './driver';
import { LedgerGateway } from './ledger-gateway';
import { LedgerView } from './ledger-view';
import { planLife } from './life';
import { Organisation, Window, buildOrganisation } from './organisation';
import { SIMULATION_PARAMETERS, SimulationOptions, SimulationParameters } from './parameters';
import { Random } from './random';
import { CasePlan, moment, planCases } from './reporting';
import { SimulatedClock } from './simulated-clock';
import { SimulationStats, formatMonth, monthProgress } from './stats';

/** Days of history before the first simulated month: long sick leave already running, vacations planned in the spring. */
export const PRELUDE_DAYS = 366;

export interface SimulationSummary {
  seed: string;
  employees: number;
  departments: number;
  /** First simulated month and how many. */
  start: string;
  months: number;
  /** First day anything is recorded (master data, the prelude) and the last simulated day. */
  firstDay: string;
  lastDay: string;
  dataDir: string;
  concurrency: number;
  /** Events appended by this run, and the wall-clock rate. */
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Commands that succeeded, by name; those a rule refused, by "name: kind", with an example message each. */
  commands: Record<string, number>;
  refused: Record<string, number>;
  refusalExamples: Record<string, string>;
  figures: {
    /** Sick and VAB reports, and those recorded after the end of the first absence day. */
    sickAndVabReports: number;
    lateReports: number;
    reportsByManager: number;
    reportsByHr: number;
    lateReturns: number;
    returnsByManager: number;
    returnsPromptedByNewReport: number;
    reportsCappedBeforeNextAbsence: number;
    reportsPostponed: number;
    correctionsAfterAttestation: number;
    attestationsWithinWeek: number;
    attestationsAfterCutoff: number;
    /** At the end: open-ended cases still without a return report, cases waiting for attestation, returned cases not yet corrected. */
    openWithoutReturn: number;
    awaitingAttestation: number;
    rejectedNotCorrected: number;
  };
}

export interface SimulationResult {
  summary: SimulationSummary;
  organisation: Organisation;
  view: LedgerView;
}

export interface SimulationHooks {
  /** A line per simulated month (and one for the prelude). */
  progress?(line: string): void;
}

/**
 * Runs the synthetic municipality through the real application: boots it on a simulated clock,
 * records the organisation, and lives through the days in order, each person's commands at
 * plausible local hours. Deterministic for a seed: every choice comes from the seeded generator,
 * and the clock is the simulated one.
 */
export async function runSimulation(
  options: SimulationOptions,
  hooks: SimulationHooks = {},
  params: SimulationParameters = SIMULATION_PARAMETERS,
): Promise<SimulationResult> {
  const wallStart = performance.now();
  const startDay = firstDayOfMonth(options.start);
  const endDay = firstDayOfMonth(addMonths(options.start, options.months)) - 1;
  const window: Window = { masterDataDay: startDay - PRELUDE_DAYS, startDay, endDay };
  const rng = new Random(options.seed);
  const org = buildOrganisation(options.employees, window, params, rng);
  const firstDay = window.masterDataDay - 1;
  const agenda = new Agenda(endDay);
  const clock = new SimulatedClock(new Date(instantOf(firstDay, 0)));
  const stats = new SimulationStats();
  const view = new LedgerView();
  const laneRandoms = new Map<string, Random>();
  const laneRandom = (lane: string) => {
    let r = laneRandoms.get(lane);
    if (!r) laneRandoms.set(lane, (r = rng.fork(`${lane}/decisions`)));
    return r;
  };
  const awayDays = new Map<string, Set<Day>>();

  const gateway = await LedgerGateway.open({ dataDir: options.dataDir, clock, logOnly: options.logOnly });
  try {
    const store = gateway.context.get<EventStore>(EVENT_STORE);
    const head = async () => Number((await store.headPosition()) ?? 0n);
    const headAtStart = await head();
    const driver = new CommandDriver(gateway, view, stats, org, awayDays, params, options.seed, (when, lane, key, run) => agenda.add(when, lane, key, run), laneRandom);

    // The organisation: departments the day before the staff are recorded; changes when HR records them.
    org.departments.forEach((dept, i) => {
      const when = moment(firstDay, 5 + i / 3600);
      agenda.add(when, `department:${dept.id}`, dept.id, () => driver.defineDepartment(dept, when.at));
    });
    for (const employee of org.employees) {
      for (const e of employee.employments) {
        agenda.add({ day: e.recordDay, hours: 0, at: e.recordAt }, employee.id, `employment:${e.effectiveFrom}`, () => driver.recordEmployment(employee, e));
      }
    }
    // Each person's year.
    for (const employee of org.employees) {
      const life = planLife(employee, window, params, rng);
      if (employee.managerOf) awayDays.set(employee.id, life.awayDays);
      const { cases, observations } = planCases(employee, life, window, params, rng);
      for (const c of cases) scheduleCase(agenda, driver, c);
      if (options.observations) {
        observations.forEach((o, i) => agenda.add(o, o.employeeId, `observation:${i}`, () => driver.observe(o)));
      }
    }
    const rounds = planAttestationRounds(org, window, awayDays, params, rng);

    // Stretches of days run as one: the departments, the prelude, then each month.
    const stretches: Array<[Day, Day]> = [[firstDay, firstDay], [window.masterDataDay, startDay - 1]];
    for (let m = options.start; firstDayOfMonth(m) <= endDay; m = addMonths(m, 1)) stretches.push([firstDayOfMonth(m), firstDayOfMonth(addMonths(m, 1)) - 1]);
    let before = stats.snapshot();
    let eventsBefore = 0;
    let events = 0;
    /** The last day simulated: the window's end, or the end of the month --max-events stopped at. */
    let lastSimulated = endDay;
    for (const [first, last] of stretches) {
      const started = performance.now();
      clock.set(new Date(instantOf(first, 0)));
      await agenda.runDays(first, last, roundActions(first, last), options.concurrency);
      if (first === firstDay) continue;
      events = (await head()) - headAtStart;
      const now = stats.snapshot();
      const label = first < startDay ? `prelude ${dateOf(firstDay)}…${dateOf(last)}` : monthOf(first);
      hooks.progress?.(formatMonth(monthProgress(label, org.employees.length, before, now, events - eventsBefore, events, (performance.now() - started) / 1000)));
      before = now;
      eventsBefore = events;
      if (options.maxEvents !== undefined && events >= options.maxEvents) {
        lastSimulated = last;
        break;
      }
    }

    /** A manager's round visits each member of the department (in the member's lane) and attests what waits there. */
    function roundActions(first: Day, last: Day): Action[] {
      const out: Action[] = [];
      for (let day = first; day <= last; day++) {
        for (const round of rounds.get(day) ?? []) {
          const members = org.departmentById.get(round.departmentId)!.memberIds.filter((id) => id !== round.managerId);
          members.forEach((employeeId, i) => {
            const at = round.at + i * 20_000;
            out.push({ day, at, lane: employeeId, key: `attest:${round.managerId}`, run: () => driver.attestRound(employeeId, round, at) });
          });
        }
      }
      return out;
    }
    events = (await head()) - headAtStart;
    const seconds = (performance.now() - wallStart) / 1000;
    const all = [...view.cases.values()];
    const summary: SimulationSummary = {
      seed: options.seed,
      employees: org.employees.length,
      departments: org.departments.length,
      start: options.start,
      months: options.months,
      firstDay: dateOf(firstDay),
      lastDay: dateOf(lastSimulated),
      dataDir: options.dataDir,
      concurrency: options.concurrency,
      events,
      seconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)),
      commands: { ...stats.ok },
      refused: { ...stats.refused },
      refusalExamples: { ...stats.refusalExamples },
      figures: {
        sickAndVabReports: stats.reportsUnplanned,
        lateReports: stats.reportsLate,
        reportsByManager: stats.reportsByManager,
        reportsByHr: stats.reportsByHr,
        lateReturns: stats.returnsLate,
        returnsByManager: stats.returnsByManager,
        returnsPromptedByNewReport: stats.returnsPromptedByNewReport,
        reportsCappedBeforeNextAbsence: stats.reportsCappedBeforeNextAbsence,
        reportsPostponed: stats.reportsPostponed,
        correctionsAfterAttestation: stats.correctionsAfterAttestation,
        attestationsWithinWeek: stats.attestationsWithinWeek,
        attestationsAfterCutoff: stats.attestationsAfterCutoff,
        openWithoutReturn: all.filter((c) => !c.withdrawn && c.to === null).length,
        awaitingAttestation: view.allPending(),
        rejectedNotCorrected: all.filter((c) => c.status === 'rejected').length,
      },
    };
    return { summary, organisation: org, view };
  } finally {
    await gateway.close();
  }
}

/** Every step of a case, in its employee's lane. */
function scheduleCase(agenda: Agenda, driver: CommandDriver, c: CasePlan): void {
  const lane = c.employeeId;
  const id = c.absenceId;
  agenda.add(c.report, lane, `${id}:report`, () => driver.report(c));
  if (c.return) agenda.add(c.return, lane, `${id}:return`, () => driver.reportReturn(c));
  if (c.correction) agenda.add(c.correction, lane, `${id}:correct`, () => driver.correct(c));
  if (c.withdrawal) agenda.add(c.withdrawal, lane, `${id}:withdraw`, () => driver.withdraw(c));
  c.certificates.forEach((cert, i) => agenda.add(cert, lane, `${id}:certificate:${i}`, () => driver.certificate(c, i)));
}
