import {
  ABSENCE_EVENT_TYPES,
  AbsenceState,
  OBSERVATION_EVENT_TYPES,
  ObservationRecorded,
  ReturnReported,
  absenceDecider,
  absenceIdOfStream,
  employeeDecider,
  employeeIdOfStream,
  evolveRecorded,
  isRecorded,
  metaOf,
} from '@ledger/domain';
import { isSickness } from '@ledger/swedish-rules';
import type { RecordedEvent } from '@ledger/event-store';
import type { IndexEntry } from '@ledger/read-store';
import type { Projection } from '../runtime/projection';
import type { UnitOfWork } from '../runtime/unit-of-work';
import type { LatencyFacts } from './reporting-latency';
import {
  BY_DEPARTMENT_EVER,
  CaseTrack,
  LIVE_BY_EMPLOYEE,
  LatencyBucket,
  ObservationYear,
  STATISTICS_PROJECTION_NAME,
  STATS_CASE,
  STATS_EMPLOYEE,
  STATS_LATENCY,
  STATS_OBSERVATION,
  STATS_SICK,
  SickFacts,
  SickYear,
  StatsEmployee,
  TrackedCase,
  emptyEmployee,
  yearKey,
  latencyBucketKey,
} from './statistics-documents';

/**
 * The statistics read models (docs/http-api.md "Statistics", GET /v1/discrepancies): per employee the
 * employment history and the registered sick cases, per case the facts reporting latency is
 * measured from, filed by month and department, and the latest observation per employee and day.
 * See statistics-documents.ts for the documents.
 *
 * Each case is followed with the decider's own evolve, so the statistics and the write side
 * cannot disagree on what a case is now; a correction, a return report or a withdrawal re-files
 * the case at once. Every write is a put of a whole document; case, employee and observation
 * documents remember the last revision they applied (sick and latency documents are filed from the
 * case's), so replaying an event changes nothing. Documents read through the unit of
 * work are changed in place and put back whole: a bucket holds a month's cases of a department, and
 * copying it for every event would make a rebuild quadratic.
 */
export class StatisticsProjection implements Projection {
  readonly name = STATISTICS_PROJECTION_NAME;
  /** 2: work injury counts as sick leave. */
  readonly version = 2;
  readonly eventTypes = new Set<string>([...ABSENCE_EVENT_TYPES, 'EmploymentRecorded', ...OBSERVATION_EVENT_TYPES]);

  async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
    if (event.type === 'EmploymentRecorded') await onEmployment(event, uow);
    else if (isRecorded<ObservationRecorded>(event, 'ObservationRecorded')) await onObservation(event, uow);
    else await onAbsence(event, uow);
  }
}

async function loadEmployee(uow: UnitOfWork, employeeId: string): Promise<StatsEmployee> {
  return (await uow.get<StatsEmployee>(STATS_EMPLOYEE, employeeId)) ?? emptyEmployee(employeeId);
}

async function putEmployee(uow: UnitOfWork, doc: StatsEmployee): Promise<void> {
  const departments = [...new Set(doc.employments.map((e) => e.departmentId))];
  await uow.put(STATS_EMPLOYEE, doc.employeeId, doc, departments.map((d) => ({ index: BY_DEPARTMENT_EVER, value: d })));
}

async function onEmployment(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
  const employeeId = employeeIdOfStream(event.streamId);
  const doc = await loadEmployee(uow, employeeId);
  const meta = metaOf(event);
  if (meta.revision <= doc.revision) return; // replayed event: already applied
  const state = evolveRecorded(employeeDecider, { ...employeeDecider.initialState, employments: doc.employments }, event);
  await putEmployee(uow, {
    ...doc,
    revision: meta.revision,
    gender: state.gender,
    birthYear: state.birthYear,
    employments: state.employments,
  });
}

async function onObservation(event: RecordedEvent<ObservationRecorded['data']>, uow: UnitOfWork): Promise<void> {
  const { employeeId, date, kind, source } = event.data;
  const year = Number(date.slice(0, 4));
  const key = yearKey(year, employeeId);
  const doc = (await uow.get<ObservationYear>(STATS_OBSERVATION, key)) ?? { employeeId, year, revision: -1, dates: {} };
  const revision = Number(event.revision);
  if (revision <= doc.revision) return;
  // The latest observation of a day wins: events arrive in log order.
  doc.revision = revision;
  doc.dates[date] = [kind, source, event.metadata.recordedAt];
  await uow.put(STATS_OBSERVATION, key, doc);
}

async function onAbsence(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
  const absenceId = absenceIdOfStream(event.streamId);
  const doc = await uow.get<CaseTrack>(STATS_CASE, absenceId);
  const meta = metaOf(event);
  if (doc !== undefined && meta.revision <= doc.case.version) return; // replayed event: already applied
  const before: AbsenceState = doc ? { ...absenceDecider.initialState, ...doc.case } : absenceDecider.initialState;
  const after = evolveRecorded(absenceDecider, before, event);
  const next: CaseTrack = {
    case: tracked(after),
    firstAttestedAt: doc?.firstAttestedAt ?? (event.type === 'AbsenceAttested' ? meta.recordedAt : null),
    returnLastDay: isRecorded<ReturnReported>(event, 'ReturnReported') ? event.data.lastDay : (doc?.returnLastDay ?? null),
  };
  const previousFiling = doc ? filingOf(doc) : NOT_FILED;
  const filing = filingOf(next);
  await refileSick(uow, after.employeeId, absenceId, previousFiling.sick, filing.sick);
  await refileLatency(uow, absenceId, previousFiling.bucket, previousFiling.latency, filing.bucket, filing.latency);
  const indexes: IndexEntry[] = filing.live ? [{ index: LIVE_BY_EMPLOYEE, value: after.employeeId }] : [];
  await uow.put(STATS_CASE, absenceId, next, indexes);
}

/** The fields of the case's state the statistics read (the decider's evolve does not need the rest to give them). */
function tracked(s: AbsenceState): TrackedCase {
  return {
    exists: s.exists,
    absenceId: s.absenceId,
    employeeId: s.employeeId,
    departmentId: s.departmentId,
    type: s.type,
    from: s.from,
    to: s.to,
    extentPercent: s.extentPercent,
    withdrawn: s.withdrawn,
    version: s.version,
    reportedAt: s.reportedAt,
    returnReportedAt: s.returnReportedAt,
  };
}

interface Filing {
  live: boolean;
  sick: SickFacts | null;
  bucket: string | null;
  latency: LatencyFacts | null;
}

const NOT_FILED: Filing = { live: false, sick: null, bucket: null, latency: null };

/** Where a case is filed: among the sick facts while it is registered sick leave, in a latency bucket while it is not withdrawn. */
function filingOf(t: CaseTrack): Filing {
  const c = t.case;
  if (!c.exists || c.withdrawn) return NOT_FILED;
  return {
    live: true,
    // Work injury is sickness in the sick-leave figures (swedish-rules isSickness).
    sick: isSickness(c.type) ? [c.from, c.to, c.extentPercent] : null,
    bucket: latencyBucketKey(c.from.slice(0, 7), c.departmentId),
    latency: [c.type, c.from, c.reportedAt, t.returnLastDay, c.returnReportedAt, t.firstAttestedAt],
  };
}

const sameFacts = (a: readonly unknown[] | null, b: readonly unknown[] | null) =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((x, i) => x === b[i]));

function yearsOf(from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(y);
  return out;
}

/** Moves a case among the employee's sick facts: open-ended ones on the employee, closed ones per year. */
async function refileSick(uow: UnitOfWork, employeeId: string, absenceId: string, previous: SickFacts | null, next: SickFacts | null): Promise<void> {
  if (sameFacts(previous, next)) return;
  if ((previous !== null && previous[1] === null) || (next !== null && next[1] === null)) {
    const employee = await loadEmployee(uow, employeeId);
    delete employee.openSick[absenceId];
    if (next !== null && next[1] === null) employee.openSick[absenceId] = [next[0], next[2]];
    await putEmployee(uow, employee);
  }
  const years = new Map<number, SickFacts | null>();
  if (previous !== null && previous[1] !== null) for (const y of yearsOf(previous[0], previous[1])) years.set(y, null);
  if (next !== null && next[1] !== null) for (const y of yearsOf(next[0], next[1])) years.set(y, next);
  for (const [year, facts] of years) {
    const key = yearKey(year, employeeId);
    const doc = (await uow.get<SickYear>(STATS_SICK, key)) ?? { employeeId, year, spells: {} };
    delete doc.spells[absenceId];
    if (facts !== null) doc.spells[absenceId] = [facts[0], facts[1]!, facts[2]];
    if (isEmpty(doc.spells)) await uow.delete(STATS_SICK, key);
    else await uow.put(STATS_SICK, key, doc);
  }
}

/** Moves a case's latency facts between month-and-department buckets. */
async function refileLatency(
  uow: UnitOfWork,
  absenceId: string,
  previousBucket: string | null,
  previous: LatencyFacts | null,
  nextBucket: string | null,
  next: LatencyFacts | null,
): Promise<void> {
  if (previousBucket === nextBucket && sameFacts(previous, next)) return;
  if (previousBucket !== null && previousBucket !== nextBucket) {
    const doc = await uow.get<LatencyBucket>(STATS_LATENCY, previousBucket);
    if (doc !== undefined) {
      delete doc.cases[absenceId];
      if (isEmpty(doc.cases)) await uow.delete(STATS_LATENCY, previousBucket);
      else await uow.put(STATS_LATENCY, previousBucket, doc);
    }
  }
  if (nextBucket !== null && next !== null) {
    const separator = nextBucket.indexOf('|');
    const month = nextBucket.slice(0, separator);
    const doc = (await uow.get<LatencyBucket>(STATS_LATENCY, nextBucket)) ?? { month, departmentId: nextBucket.slice(separator + 1), cases: {} };
    doc.cases[absenceId] = next;
    await uow.put(STATS_LATENCY, nextBucket, doc);
  }
}

function isEmpty(record: object): boolean {
  for (const _key in record) return false;
  return true;
}
