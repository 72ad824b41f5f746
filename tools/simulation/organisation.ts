import type { Gender } from '@ledger/domain';
import { Day, dayOf, firstDayOfMonth, instantOf, monthOf, addMonths, yearOf } from './days';
import type { SimulationParameters } from './parameters';
import type { Random } from './random';

export interface DepartmentPlan {
  id: string;
  name: string;
  kind: string;
  managerIds: string[];
  /** Everyone who belongs to the department at some point of the run (transfers in included). */
  memberIds: string[];
}

/** One employment record (anställning) and when HR or the sync records it. */
export interface EmploymentPlan {
  effectiveFrom: Day;
  departmentId: string;
  employmentPercent: number;
  weeklyHours: number;
  /** The day and instant (ms) at which it is recorded. */
  recordDay: Day;
  recordAt: number;
  /** The first record comes from the master-data sync; later changes from HR. */
  initial: boolean;
}

export interface EmployeePlan {
  id: string;
  gender: Gender;
  birthYear: number;
  /** Has children under 12: takes VAB and parental leave. */
  parent: boolean;
  /** Multiplies the short-spell sick rate (mean 1). */
  frailty: number;
  /** The department this employee manages, if any. */
  managerOf: string | null;
  /** Sorted by effectiveFrom; [0] is the employment at the start, later ones change during the run. */
  employments: EmploymentPlan[];
}

export interface Organisation {
  departments: DepartmentPlan[];
  employees: EmployeePlan[];
  employeeById: Map<string, EmployeePlan>;
  departmentById: Map<string, DepartmentPlan>;
}

export interface Window {
  /** The day the employees are recorded (the prelude starts here); departments the day before. */
  masterDataDay: Day;
  /** First and last simulated day. */
  startDay: Day;
  endDay: Day;
}

const NAMES: Record<string, readonly string[]> = {
  school: ['Björkskolan', 'Ekskolan', 'Lindskolan', 'Granskolan', 'Tallskolan', 'Rönnskolan', 'Aspskolan', 'Almskolan', 'Lönnskolan', 'Hasselskolan'],
  preschool: ['Förskolan Solrosen', 'Förskolan Blåklinten', 'Förskolan Vitsippan', 'Förskolan Lärkan', 'Förskolan Myran', 'Förskolan Kotten', 'Förskolan Humlan', 'Förskolan Ugglan'],
  home_care: ['Hemtjänst Norr', 'Hemtjänst Syd', 'Hemtjänst Öst', 'Hemtjänst Väst', 'Hemtjänst Centrum', 'Hemtjänst Hamnen'],
  elderly_care: ['Solgården', 'Ängsgården', 'Lindgården', 'Sjögården', 'Björkhagen', 'Tallbacken'],
  administration: ['Ekonomienheten', 'HR-enheten', 'Kommunledningskontoret', 'Bygglovsenheten', 'IT-enheten', 'Kontaktcenter', 'Miljöenheten', 'Överförmyndarenheten'],
};

export const employeeIdOf = (index: number) => `E${String(index + 1).padStart(5, '0')}`;

export function buildOrganisation(count: number, window: Window, params: SimulationParameters, rng: Random): Organisation {
  const p = params.organisation;
  const r = rng.fork('organisation');
  const sizes = departmentSizes(count, p, r);
  const departments: DepartmentPlan[] = [];
  const employees: EmployeePlan[] = [];
  const perKind = new Map<string, number>();
  const startYear = yearOf(window.startDay);
  const youngest = Math.min(p.birthYears[1], startYear - p.earliestHireAge);

  for (const { kind, prefix, size } of sizes) {
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    const pool = NAMES[kind];
    const base = pool[(n - 1) % pool.length];
    const round = Math.floor((n - 1) / pool.length);
    const dept: DepartmentPlan = {
      id: `${prefix}-${String(n).padStart(3, '0')}`,
      name: round === 0 ? base : `${base} ${round + 1}`,
      kind,
      managerIds: [],
      memberIds: [],
    };
    const managers = r.chance(size >= p.secondManagerFromSize ? p.largeSecondManager : p.smallSecondManager) && size >= 2 ? 2 : 1;
    for (let i = 0; i < size; i++) {
      const id = employeeIdOf(employees.length);
      const manager = i < managers;
      const e = r.fork(id);
      const birthYear = manager ? e.int(p.birthYears[0], Math.min(1995, youngest)) : e.int(p.birthYears[0], youngest);
      const age = startYear - birthYear;
      const earliestHire = Math.max(dayOf('2000-01-01'), dayOf(`${birthYear + p.earliestHireAge}-01-01`));
      const latestHire = window.masterDataDay - 1;
      const hired = Math.min(latestHire, e.int(Math.min(earliestHire, latestHire), latestHire));
      const employee: EmployeePlan = {
        id,
        gender: e.weighted(p.genders),
        birthYear,
        parent: age >= p.parentAges[0] && age <= p.parentAges[1] && e.chance(p.parentShare),
        frailty: e.logNormalMeanOne(params.sick.frailtySigma),
        managerOf: manager ? dept.id : null,
        employments: [
          {
            effectiveFrom: hired,
            departmentId: dept.id,
            employmentPercent: manager ? 100 : e.weighted(p.employmentPercents),
            weeklyHours: manager ? 40 : e.weighted(p.weeklyHours),
            recordDay: window.masterDataDay,
            recordAt: instantOf(window.masterDataDay, 6) + employees.length * 100,
            initial: true,
          },
        ],
      };
      if (manager) dept.managerIds.push(id);
      dept.memberIds.push(id);
      employees.push(employee);
    }
    departments.push(dept);
  }

  const departmentById = new Map(departments.map((d) => [d.id, d]));
  const years = (window.endDay - window.startDay + 1) / 365;
  for (const employee of employees) {
    if (employee.managerOf) continue;
    const e = rng.fork(`${employee.id}/employment`);
    if (departments.length > 1 && e.chance(Math.min(0.9, p.transfersPerYear * years))) {
      const current = departmentById.get(employee.employments[0].departmentId)!;
      const sameKind = departments.filter((d) => d.kind === current.kind && d.id !== current.id);
      const target = sameKind.length > 0 && e.chance(0.8) ? e.pick(sameKind) : e.pick(departments.filter((d) => d.id !== current.id));
      addChange(employee, window, e, p.changeRecordedDaysBefore, { departmentId: target.id });
      target.memberIds.push(employee.id);
    }
    if (e.chance(Math.min(0.9, p.extentChangesPerYear * years))) {
      const now = employee.employments[employee.employments.length - 1].employmentPercent;
      const options = p.employmentPercents.filter(([v]) => v !== now);
      addChange(employee, window, e, p.changeRecordedDaysBefore, { employmentPercent: e.weighted(options) });
    }
  }
  return { departments, employees, employeeById: new Map(employees.map((e) => [e.id, e])), departmentById };
}

/** A change from the 1st of a month inside the run, on top of the employment in force then. */
function addChange(
  employee: EmployeePlan,
  window: Window,
  r: Random,
  recordedDaysBefore: readonly [number, number],
  change: Partial<Pick<EmploymentPlan, 'departmentId' | 'employmentPercent'>>,
): void {
  const months: string[] = [];
  for (let m = addMonths(monthOf(window.startDay), 1); firstDayOfMonth(m) <= window.endDay; m = addMonths(m, 1)) months.push(m);
  if (months.length === 0) return;
  const effectiveFrom = firstDayOfMonth(r.pick(months));
  if (employee.employments.some((x) => x.effectiveFrom === effectiveFrom)) return;
  const before = [...employee.employments].reverse().find((x) => x.effectiveFrom < effectiveFrom)!;
  const recordDay = Math.max(window.startDay, effectiveFrom - r.int(recordedDaysBefore[0], recordedDaysBefore[1]));
  employee.employments.push({
    ...before,
    ...change,
    effectiveFrom,
    recordDay,
    recordAt: instantOf(recordDay, r.between(9, 16)),
    initial: false,
  });
  employee.employments.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  // A later change carries this one forward (a transfer keeps a new extent and vice versa).
  for (const later of employee.employments) {
    if (later.effectiveFrom <= effectiveFrom) continue;
    if (change.departmentId) later.departmentId = change.departmentId;
    if (change.employmentPercent) later.employmentPercent = change.employmentPercent;
  }
}

function departmentSizes(count: number, p: SimulationParameters['organisation'], r: Random) {
  const out: Array<{ kind: string; prefix: string; size: number }> = [];
  const minSize = Math.min(...p.departmentKinds.map((k) => k.size[0]));
  let remaining = count;
  while (remaining > 0) {
    const kind = r.weighted(p.departmentKinds.map((k) => [k, k.weight] as const));
    // Sizes lean towards the small end of each range (few very large units).
    // A small municipality still gets a few departments: none takes more than a third of the staff
    // unless its kind is never that small.
    const lo = kind.size[0];
    const hi = Math.max(lo, Math.min(kind.size[1], Math.ceil(count / 3)));
    let size = Math.round(lo + (hi - lo) * r.next() * r.next());
    if (remaining - size < minSize) size = remaining;
    size = Math.min(size, remaining);
    out.push({ kind: kind.kind, prefix: kind.prefix, size });
    remaining -= size;
  }
  return out;
}

/** The employment in force on `day` (before the first record: the first one), as the ledger's employmentOnDate. */
export function employmentOn<T extends { effectiveFrom: Day }>(employments: readonly T[], day: Day): T {
  let found = employments[0];
  for (const e of employments) if (e.effectiveFrom <= day) found = e;
  return found;
}
