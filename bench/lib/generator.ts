import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  AbsenceCommand,
  AbsenceContext,
  AbsenceEvent,
  AbsenceState,
  AbsenceType,
  Actor,
  Channel,
  DefineDepartment,
  DomainError,
  Employment,
  Gender,
  RecordEmployment,
  absenceDecider,
  absenceStreamId,
  departmentDecider,
  departmentStreamId,
  employeeDecider,
  employeeStreamId,
  payrollPeriodDecider,
  payrollPeriodStreamId,
} from '@ledger/domain';
import { loadPersonalDataConfig } from '@ledger/config';
import { SqliteEventStore } from '@ledger/event-store/sqlite';
import { createCipher, createKeyStore } from '@ledger/personal-data';
import { dirname } from 'node:path';
import { fromEpochDay, isScheduledWorkday, localWallClockMs, toEpochDay } from '@ledger/swedish-rules';
import { CommandMetrics, CommandOutcome, CommandPipeline, MetricsRegistry } from '@ledger/ledger';
import { Random } from './prng';

/**
 * The bench generator: a realistic absence log written through the real deciders and the real
 * command pipeline (load, decide, hash chain, append with the exact expected revision), with a
 * simulated clock. Nothing is written around the domain: every event is one a client could have
 * caused over HTTP.
 *
 * The model (per employee and workday; a municipal workforce of ~40 events per employee-year):
 * - sick leave (sjukanmälan): 1.8 % chance per workday, 1–200 days (mean ~7), mostly open-ended
 *   and ended by a return report (friskanmälan), some reported late, a doctor's certificate from
 *   day 8; reported by the employee (app, web), their manager (phone) or HR (paper);
 * - VAB for the 40 % who are parents, 1–3 days;
 * - planned absence reported ahead: vacation blocks (3–4 weeks in summer), comp leave, training,
 *   union duty, leave of absence, care of a relative, parental leave (30–180 days, part-time too);
 * - managers attest their department's pending cases in rounds, more often before the cut-off on
 *   the 10th; 2 % are rejected and corrected; 6 % of cases are corrected (some after their period
 *   was locked, which makes payroll adjustment lines); 3 % of planned absences are withdrawn;
 * - payroll locks the previous month on the 20th; a few employees change department or extent.
 */
export interface GenerateOptions {
  file: string;
  employees: number;
  /** Stop at the end of the simulated day on which the log reaches this many events. */
  events: number;
  seed: number;
  /** First simulated day (master data is recorded the day before). */
  start: string;
  /** Master data only (departments and employees). */
  masterDataOnly?: boolean;
  onProgress?(progress: { events: number; day: string; phase: string }): void;
}

export interface GenerateSummary {
  generator: 'bench' | 'simulator';
  events: number;
  employees: number;
  departments: number;
  cases: number;
  firstDay: string;
  lastDay: string;
  lockedPeriods: string[];
  /** Commands the deciders refused (the generator aims for none). */
  refused: Record<string, number>;
  seconds: number;
}

interface Emp {
  id: string;
  dept: string;
  employments: Employment[];
  gender: Gender;
  birthYear: number;
  percent: number;
  manager: boolean;
  parent: boolean;
  /** Live cases (not withdrawn) that may still matter for the overlap rule. */
  cases: Case[];
  /** When the return report of the employee's open-ended case is recorded (0: none open). */
  openUntilMs: number;
  onParentalLeave: boolean;
}

interface Case {
  id: string;
  emp: Emp;
  type: AbsenceType;
  fromDay: number;
  /** The real last day (the generator knows it; the ledger learns it from the return report). */
  lastDay: number;
  openEnded: boolean;
  extent: number;
  state: AbsenceState | undefined;
}

interface Action {
  at: number;
  key: string;
  run(): Promise<void>;
}

const HR: Actor = { sub: 'hr-bench', roles: ['hr'] };
const PAYROLL: Actor = { sub: 'payroll-bench', roles: ['payroll'] };
const DAY_MS = 86_400_000;
const EMPLOYEES_PER_DEPARTMENT = 25;
const REJECT_REASONS = ['Fel omfattning, rätta', 'Datum stämmer inte med schemat', 'Fel frånvarotyp'];
const CORRECT_REASONS = ['Rättad omfattning', 'Kom tillbaka en dag tidigare', 'Rättat efter chefens återkoppling'];

export const employeeIdOf = (i: number) => `E${String(i).padStart(6, '0')}`;
export const departmentIdOf = (i: number) => `D${String(i).padStart(4, '0')}`;
export const departmentsFor = (employees: number) => Math.max(1, Math.ceil(employees / EMPLOYEES_PER_DEPARTMENT));

export async function generateLog(options: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const rng = new Random(options.seed);
  // The data set is rebuilt from scratch rather than trusted; NORMAL: no need to fsync a cache.
  const store = new SqliteEventStore({ file: options.file, synchronous: 'NORMAL' });
  const time = new AsyncLocalStorage<number>();
  const clock = {
    now: () => {
      const at = time.getStore();
      if (at === undefined) throw new Error('a command ran outside its simulated instant');
      return new Date(at);
    },
  };
  // The personal fields are sealed as the service seals them: keys.db and master.key beside the events.
  const personal = loadPersonalDataConfig({ eventStore: 'sqlite', readStore: 'sqlite' });
  const keyStore = await createKeyStore({ ...personal, keyStore: 'sqlite', dataDir: dirname(options.file), redisUrl: '', redisKeyPrefix: '' });
  const { cipher } = createCipher(keyStore, { ...personal, dataDir: dirname(options.file) });
  const pipeline = new CommandPipeline(store, clock, new CommandMetrics(new MetricsRegistry()), cipher);
  const refused: Record<string, number> = {};
  let events = 0;
  let cases = 0;
  const locked: string[] = [];

  const startDay = toEpochDay(options.start);
  const at = (day: number, hours: number) => localWallClockMs(fromEpochDay(day), hours);
  const workday = memo((day: number) => isScheduledWorkday(fromEpochDay(day)));

  async function exec<S>(at: number, work: () => Promise<CommandOutcome<S>>): Promise<CommandOutcome<S> | undefined> {
    try {
      const outcome = await time.run(at, work);
      if (outcome.wrote) events++;
      return outcome;
    } catch (error) {
      if (error instanceof DomainError) {
        refused[error.kind] = (refused[error.kind] ?? 0) + 1;
        if (process.env.BENCH_DEBUG) console.error(error.message);
        return undefined;
      }
      throw error;
    }
  }

  // ------------------------------------------------------------ master data
  const departmentCount = departmentsFor(options.employees);
  const emps: Emp[] = [];
  const managersOf = new Map<string, string[]>();
  for (let i = 0; i < options.employees; i++) {
    const dept = departmentIdOf(i % departmentCount);
    const percent = rng.weighted([[100, 75], [75, 15], [50, 10]] as const);
    const hired = toEpochDay('2000-01-01') + rng.int(0, 24 * 365);
    const emp: Emp = {
      id: employeeIdOf(i),
      dept,
      employments: [{ effectiveFrom: fromEpochDay(Math.min(hired, startDay - 30)), departmentId: dept, employmentPercent: percent, weeklyHours: 40 }],
      gender: rng.weighted([['female', 70], ['male', 29], ['other', 0.5], ['unknown', 0.5]] as const),
      birthYear: rng.int(1960, 2004),
      percent,
      manager: i < 2 * departmentCount,
      parent: rng.chance(0.4),
      cases: [],
      openUntilMs: 0,
      onParentalLeave: false,
    };
    emps.push(emp);
    if (emp.manager) managersOf.set(dept, [...(managersOf.get(dept) ?? []), emp.id]);
  }
  const setup = at(startDay - 1, 6);
  options.onProgress?.({ events, day: fromEpochDay(startDay - 1), phase: 'master data' });
  await inChunks(
    [...managersOf.entries()],
    500,
    ([departmentId, managerIds]) => {
      const command: DefineDepartment = { departmentId, name: `Enhet ${departmentId}`, managerIds };
      return exec(setup, () =>
        pipeline.run({ name: 'define_department', streamId: departmentStreamId(departmentId), decider: departmentDecider, command, actor: HR, context: async () => ({ actor: HR }) }),
      );
    },
  );
  await inChunks(emps, 1000, (emp, i) => {
    const e = emp.employments[0];
    const command: RecordEmployment = {
      employeeId: emp.id,
      departmentId: e.departmentId,
      gender: emp.gender,
      birthYear: emp.birthYear,
      employmentPercent: e.employmentPercent,
      weeklyHours: e.weeklyHours,
      effectiveFrom: e.effectiveFrom,
      personalIdentityNumber: null,
    };
    if (i % 5000 === 0) options.onProgress?.({ events, day: fromEpochDay(startDay - 1), phase: 'master data' });
    return exec(setup + i, () =>
      pipeline.run({
        name: 'record_employment',
        streamId: employeeStreamId(emp.id),
        decider: employeeDecider,
        command,
        actor: HR,
        context: async () => ({ actor: HR, departmentExists: true }),
      }),
    );
  });
  if (options.masterDataOnly) {
    await store.close();
    await keyStore.close();
    return summary();
  }

  // ------------------------------------------------------------ the agenda
  const agenda = new Map<number, Action[]>();
  const schedule = (when: number, key: string, run: () => Promise<void>) => {
    const day = Math.floor((when + 2 * 3_600_000) / DAY_MS); // the Stockholm day (close enough for bucketing)
    let list = agenda.get(day);
    if (!list) agenda.set(day, (list = []));
    list.push({ at: when, key, run });
  };
  const pendingByDept = new Map<string, Set<Case>>();

  const attestable = (s: AbsenceState) =>
    s.exists && s.pendingAttestation && s.status !== 'rejected' && !(s.withdrawn && s.attestedVersion === null);

  function noteState(c: Case, state: AbsenceState): void {
    const before = c.state;
    if (before) pendingByDept.get(before.departmentId)?.delete(c);
    c.state = state;
    if (attestable(state)) {
      let set = pendingByDept.get(state.departmentId);
      if (!set) pendingByDept.set(state.departmentId, (set = new Set()));
      set.add(c);
    }
    if (state.withdrawn) c.emp.cases = c.emp.cases.filter((x) => x !== c);
  }

  function absenceContext(emp: Emp, c: Case, actor: Actor, now: Date): AbsenceContext {
    const managersByDepartment: Record<string, string[]> = {};
    for (const e of emp.employments) managersByDepartment[e.departmentId] = managersOf.get(e.departmentId) ?? [];
    if (c.state) managersByDepartment[c.state.departmentId] = managersOf.get(c.state.departmentId) ?? [];
    const otherActiveAbsences = [];
    for (const o of emp.cases) {
      if (o === c || !o.state || o.state.withdrawn) continue;
      otherActiveAbsences.push({ absenceId: o.id, from: o.state.from, to: o.state.to, extentPercent: o.state.extentPercent });
    }
    return { now, actor, employments: emp.employments, managersByDepartment, otherActiveAbsences };
  }

  async function absenceCommand(c: Case, when: number, name: string, command: AbsenceCommand, actor: Actor): Promise<boolean> {
    const outcome = await exec(when, () =>
      pipeline.run<AbsenceCommand, AbsenceState, AbsenceEvent, AbsenceContext>({
        name,
        streamId: absenceStreamId(c.id),
        decider: absenceDecider,
        command,
        actor,
        context: async (_state, now) => absenceContext(c.emp, c, actor, now),
      }),
    );
    if (!outcome && process.env.BENCH_DEBUG) {
      console.error(name, JSON.stringify(command), new Date(when).toISOString(), JSON.stringify(c.emp.cases.map((o) => [o.id.slice(0, 8), o.type, fromEpochDay(o.fromDay), fromEpochDay(o.lastDay), o.openEnded, o.state?.to, o.state?.version])));
    }
    if (!outcome || !outcome.wrote) return false;
    noteState(c, outcome.state);
    return true;
  }

  const selfActor = (emp: Emp): Actor => ({ sub: emp.id, roles: emp.manager ? ['employee', 'manager'] : ['employee'] });
  const managerActor = (dept: string, not: string): Actor | undefined => {
    const id = (managersOf.get(dept) ?? []).find((m) => m !== not);
    return id ? { sub: id, roles: ['employee', 'manager'] } : undefined;
  };
  const currentDept = (emp: Emp, day: number) => {
    const date = fromEpochDay(day);
    let found = emp.employments[0];
    for (const e of emp.employments) if (e.effectiveFrom <= date) found = e;
    return found.departmentId;
  };

  /** No live case of the employee touches [fromDay, lastDay] (an open-ended one reaches forever). */
  function free(emp: Emp, fromDay: number, lastDay: number): boolean {
    for (const c of emp.cases) if (c.fromDay <= lastDay && c.lastDay >= fromDay) return false;
    return true;
  }
  const nextPlannedStart = (emp: Emp, afterDay: number) => {
    let next = Infinity;
    for (const c of emp.cases) if (c.fromDay > afterDay && c.fromDay < next) next = c.fromDay;
    return next;
  };

  function newCase(emp: Emp, type: AbsenceType, fromDay: number, lastDay: number, openEnded: boolean, extent: number): Case {
    cases++;
    const c: Case = { id: uuidFrom(rng), emp, type, fromDay, lastDay, openEnded, extent, state: undefined };
    emp.cases.push(c);
    return c;
  }

  /** Sick leave or VAB that starts today: reported on the day (or late), ended by a return report. */
  function onset(emp: Emp, day: number, type: 'sick' | 'care_of_child'): void {
    let length: number =
      type === 'sick'
        ? rng.weighted([[1, 30], [2, 20], [3, 12], [4, 8], [5, 6], [7, 8], [10, 5], [14, 4], [21, 2.5], [30, 2], [60, 1.5], [120, 0.7], [200, 0.3]] as const)
        : rng.weighted([[1, 55], [2, 30], [3, 15]] as const);
    const planned = nextPlannedStart(emp, day);
    if (planned !== Infinity) length = Math.min(length, planned - day);
    if (length < 1) return;
    const lastDay = day + length - 1;
    const late = rng.chance(0.18);
    const reportAt = late ? at(day + rng.int(1, 4), rng.int(8, 16)) : at(day, 6.5 + rng.next() * 3);
    if (reportAt <= emp.openUntilMs) return; // the previous case is still open: it must be ended first
    const openEnded = planned === Infinity && reportAt < at(day + length, 0) && rng.chance(length > 3 ? 0.95 : 0.7);
    const extent = type === 'sick' && length > 14 && rng.chance(0.3) ? rng.pick([50, 75]) : 100;
    const c = newCase(emp, type, day, lastDay, openEnded, extent);
    const who = rng.next();
    const dept = currentDept(emp, day);
    const manager = managerActor(dept, emp.id);
    const [actor, channel]: [Actor, Channel] =
      who < 0.7 || !manager ? [selfActor(emp), rng.chance(0.6) ? 'mobile' : 'web'] : who < 0.9 ? [manager, 'phone'] : [HR, 'paper'];
    schedule(reportAt, emp.id, async () => {
      await absenceCommand(
        c,
        reportAt,
        'report_absence',
        { kind: 'report', absenceId: c.id, employeeId: emp.id, type, from: fromEpochDay(day), to: openEnded ? null : fromEpochDay(lastDay), extentPercent: extent, channel, comment: null },
        actor,
      );
    });
    if (openEnded) {
      const back = lastDay + 1;
      const returnAt = rng.chance(0.85) ? at(back, 7 + rng.next() * 5) : at(back + rng.int(1, 6), rng.int(8, 17));
      emp.openUntilMs = returnAt;
      schedule(returnAt, emp.id, async () => {
        if (c.state) await absenceCommand(c, returnAt, 'report_return', { kind: 'return', lastDay: fromEpochDay(lastDay) }, selfActor(emp));
      });
    }
    if (type === 'sick' && length >= 8) {
      const certAt = at(day + 7 + rng.int(0, 2), 10 + rng.next() * 6);
      schedule(certAt, emp.id, async () => {
        if (!c.state || c.state.withdrawn) return;
        const to = Math.min(lastDay, day + 7 + 28);
        await absenceCommand(c, certAt, 'register_medical_certificate', { kind: 'medical_certificate', from: fromEpochDay(day + 7), to: fromEpochDay(to), extentPercent: extent }, selfActor(emp));
      });
    }
    maybeCorrect(c, Math.max(reportAt, emp.openUntilMs));
  }

  /** Planned absence reported ahead of time by the employee. */
  function plan(emp: Emp, day: number, type: AbsenceType, leadDays: number, length: number, extent: number): void {
    let fromDay = day + leadDays;
    while (!workday(fromDay)) fromDay++;
    const lastDay = fromDay + length - 1;
    if (!free(emp, fromDay, lastDay)) return;
    const reportAt = at(day, 9 + rng.next() * 9);
    if (reportAt <= emp.openUntilMs) return;
    const c = newCase(emp, type, fromDay, lastDay, false, extent);
    if (type === 'parental_leave') emp.onParentalLeave = true;
    schedule(reportAt, emp.id, async () => {
      await absenceCommand(
        c,
        reportAt,
        'report_absence',
        { kind: 'report', absenceId: c.id, employeeId: emp.id, type, from: fromEpochDay(fromDay), to: fromEpochDay(lastDay), extentPercent: extent, channel: 'web', comment: null },
        selfActor(emp),
      );
    });
    if (rng.chance(0.03) && fromDay - day > 2) {
      const withdrawAt = at(day + rng.int(1, fromDay - day - 1), 12 + rng.next() * 6);
      schedule(withdrawAt, emp.id, async () => {
        if (!c.state || c.state.withdrawn) return;
        await absenceCommand(c, withdrawAt, 'withdraw_absence', { kind: 'withdraw', reason: 'Planerna ändrades' }, selfActor(emp));
        if (c.state?.withdrawn && type === 'parental_leave') emp.onParentalLeave = false;
      });
      return;
    }
    maybeCorrect(c, reportAt);
  }

  /** 6 % of cases are corrected: most within days, some weeks later (after payroll locked the month). */
  function maybeCorrect(c: Case, after: number): void {
    if (!rng.chance(0.06)) return;
    const afterDay = Math.floor((after + 2 * 3_600_000) / DAY_MS);
    const when = rng.chance(0.8) ? at(afterDay + rng.int(1, 10), 9 + rng.next() * 8) : at(Math.max(afterDay, c.lastDay) + rng.int(20, 60), 9 + rng.next() * 8);
    schedule(when, c.emp.id, () => correctCase(c, when, selfActor(c.emp)));
  }

  /** Changes the extent (or, for a case with a known last day, ends it a day earlier). */
  async function correctCase(c: Case, when: number, actor: Actor): Promise<void> {
    const s = c.state;
    if (!s || s.withdrawn) return;
    const command: AbsenceCommand =
      s.to !== null && s.to > s.from && rng.chance(0.5)
        ? { kind: 'correct', to: fromEpochDay(toEpochDay(s.to) - 1), reason: rng.pick(CORRECT_REASONS) }
        : { kind: 'correct', extentPercent: s.extentPercent === 100 ? 75 : 100, reason: rng.pick(CORRECT_REASONS) };
    await absenceCommand(c, when, 'correct_absence', command, actor);
  }

  /** A manager's attestation round: every pending case of the department, most attested, a few returned. */
  function attestationRound(dept: string, day: number): Action[] {
    const set = pendingByDept.get(dept);
    if (!set || set.size === 0) return [];
    const out: Action[] = [];
    for (const c of set) {
      const s = c.state!;
      const manager = managerActor(s.departmentId, s.employeeId);
      if (!manager) continue;
      const when = at(day, 15 + rng.next() * 2);
      const reject = s.status !== 'withdrawn' && !s.withdrawn && rng.chance(0.02);
      out.push({
        at: when,
        key: c.emp.id,
        run: async () => {
          const now = c.state!;
          if (!attestable(now)) return;
          if (reject) {
            if (await absenceCommand(c, when, 'reject_absence', { kind: 'reject', reason: rng.pick(REJECT_REASONS), expectedVersion: now.version }, manager)) {
              const fixAt = at(day + rng.int(1, 3), 8 + rng.next() * 8);
              schedule(fixAt, c.emp.id, () => correctCase(c, fixAt, selfActor(c.emp)));
            }
          } else {
            await absenceCommand(c, when, 'attest_absence', { kind: 'attest', expectedVersion: now.version }, manager);
          }
        },
      });
    }
    return out;
  }

  async function runActions(actions: Action[]): Promise<void> {
    actions.sort((a, b) => a.at - b.at);
    let i = 0;
    while (i < actions.length) {
      // One hour of the day at a time; within it, each employee's actions in time order (as the API
      // runs one command at a time per employee), employees side by side.
      const hour = Math.floor(actions[i].at / 3_600_000);
      const byKey = new Map<string, Action[]>();
      while (i < actions.length && Math.floor(actions[i].at / 3_600_000) === hour) {
        const a = actions[i++];
        let list = byKey.get(a.key);
        if (!list) byKey.set(a.key, (list = []));
        list.push(a);
      }
      await Promise.all(
        [...byKey.values()].map(async (list) => {
          for (const a of list) await a.run();
        }),
      );
    }
  }

  // ------------------------------------------------------------ the days
  let day = startDay;
  let lastProgress = 0;
  for (; events < options.events; day++) {
    const date = fromEpochDay(day);
    const isWorkday = workday(day);
    const month = date.slice(5, 7);
    const summer = month === '06' || month === '07';
    if (isWorkday) {
      for (const emp of emps) {
        // Forget cases that ended long ago: nothing new can reach back to them.
        if (emp.cases.length > 0 && emp.cases[0].lastDay < day - 60) emp.cases = emp.cases.filter((c) => c.lastDay >= day - 60);
        if (emp.openUntilMs !== 0 && emp.openUntilMs < at(day, 0)) emp.openUntilMs = 0;
        if (!free(emp, day, day)) continue;
        const r = rng.next();
        if (r < 0.018) onset(emp, day, 'sick');
        else if (r < 0.018 + (emp.parent ? 0.012 : 0)) onset(emp, day, 'care_of_child');
        else if (r < 0.05) {
          const type = rng.weighted([['comp_leave', 40], ['training', 25], ['leave_of_absence', 15], ['union_duty', 10], ['care_of_relative', 10]] as const);
          plan(emp, day, type, rng.int(3, 30), rng.int(1, 3), 100);
        } else if (r < 0.066) {
          const lead = rng.int(14, 90);
          const inSummer = ['06', '07'].includes(fromEpochDay(day + lead).slice(5, 7));
          plan(emp, day, 'vacation', lead, inSummer ? rng.pick([21, 28]) : rng.pick([3, 7, 7, 14]), 100);
        } else if (r < 0.0666 && emp.parent && !emp.onParentalLeave) {
          plan(emp, day, 'parental_leave', rng.int(14, 60), rng.int(30, 180), rng.weighted([[100, 60], [75, 10], [50, 20], [25, 10]] as const));
        } else if (r > 0.9997 && !emp.manager) {
          const effectiveFrom = fromEpochDay(toEpochDay(`${fromEpochDay(day + 31).slice(0, 7)}-01`));
          const moveTo = rng.chance(0.5) ? departmentIdOf(rng.int(0, departmentCount - 1)) : currentDept(emp, day);
          const percent = moveTo === currentDept(emp, day) ? (emp.percent === 100 ? 75 : 100) : emp.percent;
          const when = at(day, 10 + rng.next() * 4);
          schedule(when, emp.id, async () => {
            const command: RecordEmployment = {
              employeeId: emp.id,
              departmentId: moveTo,
              gender: emp.gender,
              birthYear: emp.birthYear,
              employmentPercent: percent,
              weeklyHours: 40,
              effectiveFrom,
              personalIdentityNumber: null,
            };
            const outcome = await exec(when, () =>
              pipeline.run({ name: 'record_employment', streamId: employeeStreamId(emp.id), decider: employeeDecider, command, actor: HR, context: async () => ({ actor: HR, departmentExists: true }) }),
            );
            if (outcome?.wrote) {
              emp.employments = outcome.state.employments;
              emp.percent = percent;
            }
          });
        }
      }
    }
    // Payroll locks last month on the 20th, after its run.
    if (date.slice(8) === '20') {
      const period = fromEpochDay(toEpochDay(`${date.slice(0, 7)}-01`) - 1).slice(0, 7);
      const when = at(day, 12);
      schedule(when, `payroll-${period}`, async () => {
        const outcome = await exec(when, () =>
          pipeline.run({ name: 'lock_payroll_period', streamId: payrollPeriodStreamId(period), decider: payrollPeriodDecider, command: { period }, actor: PAYROLL, context: async (_s, now) => ({ actor: PAYROLL, now }) }),
        );
        if (outcome?.wrote) locked.push(period);
      });
    }
    await runActions(agenda.get(day) ?? []);
    agenda.delete(day);
    if (isWorkday) {
      // Attestation rounds: often before the cut-off on the 10th, now and then otherwise.
      const dom = Number(date.slice(8));
      const p = dom <= 9 ? 0.45 : summer ? 0.08 : 0.15;
      const rounds: Action[] = [];
      for (let d = 0; d < departmentCount; d++) if (rng.chance(p)) rounds.push(...attestationRound(departmentIdOf(d), day));
      await runActions(rounds);
    }
    if (Date.now() - lastProgress > 2000) {
      lastProgress = Date.now();
      options.onProgress?.({ events, day: date, phase: 'absences' });
    }
  }
  await store.close();
  await keyStore.close();
  return summary(fromEpochDay(day - 1));

  function summary(lastDay = fromEpochDay(startDay - 1)): GenerateSummary {
    return {
      generator: 'bench',
      events,
      employees: options.employees,
      departments: departmentCount,
      cases,
      firstDay: fromEpochDay(startDay - 1),
      lastDay,
      lockedPeriods: locked.sort(),
      refused,
      seconds: (Date.now() - started) / 1000,
    };
  }
}

/** Runs `work` over `items`, `size` at a time side by side (the store group-commits each chunk). */
async function inChunks<T>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, k) => work(item, i + k)));
  }
}

function memo<K, V>(f: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined && !cache.has(k)) cache.set(k, (v = f(k)));
    return v as V;
  };
}

/** A version-4 UUID from the seeded generator, so the same seed gives the same ids. */
function uuidFrom(rng: Random): string {
  const hex: string[] = [];
  for (let i = 0; i < 16; i++) hex.push(Math.floor(rng.next() * 256).toString(16).padStart(2, '0'));
  hex[6] = `4${hex[6][1]}`;
  hex[8] = ((parseInt(hex[8], 16) & 0x3f) | 0x80).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
