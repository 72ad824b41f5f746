import { AbsenceType, employmentOnDate } from '@ledger/domain';
import type { IndexEntry, ReadStore } from '@ledger/read-store';
import { IsoDate, IsoMonth, LatePolicy, eachMonth, toEpochDay } from '@ledger/swedish-rules';
import { Discrepancy, ObservationFact, RegisteredCase, byDateAndEmployee, discrepanciesOf } from './discrepancies';
import type { SickSpellFact } from './employee-hours';
import { LatencyReport, latencyAccumulator } from './reporting-latency';
import { Accumulator, AnnualReport, SickLeaveReport, annualReportAccumulator, sickLeaveAccumulator } from './sick-leave-figures';
import {
  BY_DEPARTMENT_EVER,
  CaseTrack,
  LIVE_BY_EMPLOYEE,
  LatencyBucket,
  ObservationYear,
  STATS_CASE,
  STATS_EMPLOYEE,
  STATS_LATENCY,
  STATS_OBSERVATION,
  STATS_SICK,
  SickYear,
  StatsEmployee,
  latencyBucketKey,
  periodPrefix,
  yearKey,
} from './statistics-documents';

/** Documents per read: large enough to keep round trips few, small enough to bound memory per page. */
const PAGE = 2000;
/** Employees computed between two turns of the event loop (a few tens of milliseconds of work). */
const EMPLOYEE_PAGE = 500;

/** Month-and-department buckets read between two turns of the event loop. */
const LATENCY_PAGE = 200;

/** Lets other requests run between pages: the SQLite reads and the arithmetic are synchronous. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Answers the statistics queries from the statistics projection's namespace. A query reads one
 * employee document per employee in scope and the sick-case documents of the years it needs, a
 * page of employees at a time (memory stays bounded by the page, and other requests run between
 * pages), and computes with the memoized calendar; it never reads events. `today` (Stockholm)
 * bounds open-ended sick cases.
 */
export class StatisticsReadModel {
  constructor(
    private readonly store: ReadStore,
    private readonly namespace: string,
  ) {}

  /** GET /v1/stats/sick-leave. */
  async sickLeave(query: { departmentId: string | null; from: IsoMonth; to: IsoMonth; today: IsoDate }): Promise<SickLeaveReport> {
    const acc = sickLeaveAccumulator({ departmentId: query.departmentId, from: query.from, to: query.to, today: toEpochDay(query.today) });
    const years = yearsBetween(Number(query.from.slice(0, 4)), Number(query.to.slice(0, 4)));
    return this.accumulate(query.departmentId, years, false, acc);
  }

  /**
   * GET /v1/stats/annual-report. A run of continuous sick absence that reaches into the year is
   * long-term by its whole length, so the sick cases of the year before (after) are read too for
   * the employees whose sick absence reaches 1 January (31 December). A run that reaches past
   * either neighbouring year is over 365 days long, so three years decide every day.
   */
  async annualReport(query: { departmentId: string | null; year: number; today: IsoDate; suppressAtOrBelow?: number }): Promise<AnnualReport> {
    const acc = annualReportAccumulator({ departmentId: query.departmentId, year: query.year, today: toEpochDay(query.today), suppressAtOrBelow: query.suppressAtOrBelow });
    return this.accumulate(query.departmentId, [query.year], true, acc);
  }

  /** GET /v1/stats/reporting-latency. */
  async reportingLatency(query: {
    departmentId: string | null;
    from: IsoMonth;
    to: IsoMonth;
    type?: AbsenceType;
    policy: LatePolicy;
  }): Promise<LatencyReport> {
    const months = eachMonth(query.from, query.to);
    const acc = latencyAccumulator({ departmentId: query.departmentId, months, type: query.type, policy: query.policy });
    const add = (buckets: readonly LatencyBucket[]) => {
      for (const b of buckets) for (const id in b.cases) acc.add(b.month, b.cases[id]);
    };
    if (query.departmentId === null) {
      for (const month of months) {
        await this.scanPrefix<LatencyBucket>(STATS_LATENCY, periodPrefix(month), add, LATENCY_PAGE);
        await breathe();
      }
    } else {
      add(await this.getAll<LatencyBucket>(STATS_LATENCY, months.map((m) => latencyBucketKey(m, query.departmentId!))));
    }
    return acc.result();
  }

  /**
   * GET /v1/discrepancies: the latest observation of each employee and day in [from, to] against the
   * registered cases, for employees in the given departments on the day observed (null: everyone).
   * Sorted by date, then employee.
   */
  async discrepancies(query: { departmentIds: readonly string[] | null; from: IsoDate; to: IsoDate }): Promise<Discrepancy[]> {
    const years = yearsBetween(Number(query.from.slice(0, 4)), Number(query.to.slice(0, 4)));
    const employees = new Map<string, StatsEmployee>();
    let observationDocs: ObservationYear[];
    if (query.departmentIds === null) {
      observationDocs = [];
      for (const y of years) observationDocs.push(...(await this.scanPrefix<ObservationYear>(STATS_OBSERVATION, periodPrefix(y))));
    } else {
      for (const d of query.departmentIds) {
        for (const e of await this.listAll<StatsEmployee>(STATS_EMPLOYEE, { index: BY_DEPARTMENT_EVER, value: d })) employees.set(e.employeeId, e);
      }
      observationDocs = await this.getAll<ObservationYear>(
        STATS_OBSERVATION,
        years.flatMap((y) => [...employees.keys()].map((id) => yearKey(y, id))),
      );
    }
    const scope = query.departmentIds === null ? null : new Set(query.departmentIds);
    const out = await this.evaluate(observationDocs, employees, (o) => o.date >= query.from && o.date <= query.to && (scope === null || (o.departmentId !== null && scope.has(o.departmentId))));
    return out.sort(byDateAndEmployee);
  }

  /** Every discrepancy open now, whatever its date, a page of employees at a time (for reminders). */
  async *openDiscrepancies(): AsyncGenerator<Discrepancy> {
    let after: string | undefined;
    while (true) {
      const page = await this.store.scan<ObservationYear>(this.namespace, STATS_OBSERVATION, { after, limit: PAGE });
      if (page.length === 0) return;
      for (const d of await this.evaluate(page.map((p) => p.value), new Map(), () => true)) yield d;
      if (page.length < PAGE) return;
      after = page[page.length - 1].key;
    }
  }

  /** The discrepancies of the observations that `keep` keeps; loads the employees and cases it needs. */
  private async evaluate(
    observationDocs: readonly ObservationYear[],
    employees: Map<string, StatsEmployee>,
    keep: (o: ObservationFact) => boolean,
  ): Promise<Discrepancy[]> {
    const missing = [...new Set(observationDocs.map((d) => d.employeeId))].filter((id) => !employees.has(id));
    for (const e of await this.getAll<StatsEmployee>(STATS_EMPLOYEE, missing)) employees.set(e.employeeId, e);

    const observationsByEmployee = new Map<string, ObservationFact[]>();
    for (const doc of observationDocs) {
      const employments = employees.get(doc.employeeId)?.employments ?? [];
      for (const date in doc.dates) {
        const [kind, source, recordedAt] = doc.dates[date];
        const departmentId = employments.length > 0 ? (employmentOnDate(employments, date)?.departmentId ?? null) : null;
        const o: ObservationFact = { employeeId: doc.employeeId, departmentId, date, kind, source, recordedAt };
        if (!keep(o)) continue;
        let list = observationsByEmployee.get(doc.employeeId);
        if (list === undefined) observationsByEmployee.set(doc.employeeId, (list = []));
        list.push(o);
      }
    }

    const out: Discrepancy[] = [];
    let read = 0;
    for (const [employeeId, observations] of observationsByEmployee) {
      if (++read % 200 === 0) await breathe();
      const cases: RegisteredCase[] = (await this.listAll<CaseTrack>(STATS_CASE, { index: LIVE_BY_EMPLOYEE, value: employeeId })).map((c) => ({
        absenceId: c.case.absenceId,
        from: c.case.from,
        to: c.case.to,
        extentPercent: c.case.extentPercent,
      }));
      out.push(...discrepanciesOf(observations, cases));
    }
    return out;
  }

  /** Feeds every employee in scope (ever in the department, or all) to `acc`, a page at a time. */
  private async accumulate<R>(departmentId: string | null, years: readonly number[], neighbours: boolean, acc: Accumulator<R>): Promise<R> {
    let after: string | undefined;
    while (true) {
      const page =
        departmentId === null
          ? await this.store.scan<StatsEmployee>(this.namespace, STATS_EMPLOYEE, { after, limit: EMPLOYEE_PAGE })
          : await this.store.list<StatsEmployee>(this.namespace, STATS_EMPLOYEE, { index: BY_DEPARTMENT_EVER, value: departmentId }, { after, limit: EMPLOYEE_PAGE });
      if (page.length > 0) await this.addPage(page.map((d) => d.value), years, neighbours, acc);
      if (page.length < EMPLOYEE_PAGE) return acc.result();
      after = page[page.length - 1].key;
      await breathe();
    }
  }

  /**
   * Adds a page of employees with their sick cases touching `years`; with `neighbours`, also those
   * of the year before (after) for employees whose sick absence reaches the first (last) day.
   */
  private async addPage<R>(docs: readonly StatsEmployee[], years: readonly number[], neighbours: boolean, acc: Accumulator<R>): Promise<void> {
    const sick = new Map<string, Map<string, SickSpellFact>>();
    const spellsOf = (employeeId: string) => {
      let spells = sick.get(employeeId);
      if (spells === undefined) sick.set(employeeId, (spells = new Map()));
      return spells;
    };
    const file = (doc: SickYear) => {
      const spells = spellsOf(doc.employeeId);
      // A case spanning several years sits in each year's document: count it once.
      for (const absenceId in doc.spells) {
        const [from, to, extentPercent] = doc.spells[absenceId];
        spells.set(absenceId, { from, to, extentPercent });
      }
    };
    for (const e of docs) {
      for (const absenceId in e.openSick) {
        const [from, extentPercent] = e.openSick[absenceId];
        spellsOf(e.employeeId).set(absenceId, { from, to: null, extentPercent });
      }
    }
    for (const doc of await this.getAll<SickYear>(STATS_SICK, years.flatMap((y) => docs.map((e) => yearKey(y, e.employeeId))))) file(doc);
    if (neighbours) {
      const first = `${years[0]}-01-01`;
      const last = `${years[years.length - 1]}-12-31`;
      const extra: string[] = [];
      for (const [employeeId, spells] of sick) {
        let reachesFirst = false;
        let reachesLast = false;
        for (const s of spells.values()) {
          if (s.from <= first) reachesFirst = true;
          if (s.to === null ? s.from <= last : s.to >= last) reachesLast = true;
        }
        if (reachesFirst) extra.push(yearKey(years[0] - 1, employeeId));
        if (reachesLast) extra.push(yearKey(years[years.length - 1] + 1, employeeId));
      }
      for (const doc of await this.getAll<SickYear>(STATS_SICK, extra)) file(doc);
    }
    for (const e of docs) {
      acc.add({
        employeeId: e.employeeId,
        gender: e.gender,
        birthYear: e.birthYear,
        employments: e.employments,
        sick: [...(sick.get(e.employeeId)?.values() ?? [])],
      });
    }
  }

  private async listAll<T>(collection: string, index: IndexEntry): Promise<T[]> {
    const out: T[] = [];
    let after: string | undefined;
    while (true) {
      const page = await this.store.list<T>(this.namespace, collection, index, { after, limit: PAGE });
      for (const d of page) out.push(d.value);
      if (page.length < PAGE) return out;
      after = page[page.length - 1].key;
    }
  }

  /**
   * The documents whose keys begin with `prefix`: one range scan of the primary key. With `onPage`,
   * each page goes there (and the event loop turns between pages) instead of into the answer.
   */
  private async scanPrefix<T>(collection: string, prefix: string, onPage?: (page: T[]) => void, limit = PAGE): Promise<T[]> {
    const out: T[] = [];
    // Every key that begins with the prefix sorts after the prefix itself.
    let after = prefix;
    while (true) {
      const page = await this.store.scan<T>(this.namespace, collection, { after, limit });
      const values: T[] = [];
      let done = page.length < limit;
      for (const d of page) {
        if (!d.key.startsWith(prefix)) {
          done = true;
          break;
        }
        values.push(d.value);
      }
      if (onPage) onPage(values);
      else out.push(...values);
      if (done) return out;
      after = page[page.length - 1].key;
      await breathe();
    }
  }

  /** The documents that exist among `keys`. */
  private async getAll<T>(collection: string, keys: readonly string[]): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < keys.length; i += PAGE) {
      for (const d of await this.store.getMany<T>(this.namespace, collection, keys.slice(i, i + PAGE))) if (d !== undefined) out.push(d.value);
    }
    return out;
  }
}

function yearsBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}
