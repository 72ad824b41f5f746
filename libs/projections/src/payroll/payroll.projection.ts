import {
  ABSENCE_EVENT_TYPES,
  HIGH_RISK_PROTECTION_RECORDED,
  HighRiskProtectionRecorded,
  AbsenceState,
  EmploymentRecorded,
  PayrollPeriodLocked,
  absenceDecider,
  absenceIdOfStream,
  employeeDecider,
  employeeIdOfStream,
  evolveRecorded,
  isRecorded,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { IsoDate, IsoMonth, isSickness, localDateOf, monthBounds } from '@ledger/swedish-rules';
import type { Projection } from '../runtime/projection';
import type { UnitOfWork } from '../runtime/unit-of-work';
import {
  CASE_COLLECTION,
  EmployeeFacts,
  FACTS_COLLECTION,
  INITIAL_META,
  LineDocument,
  META_COLLECTION,
  META_STATE_KEY,
  OPEN_ENDED_KEY,
  OpenEndedRegistry,
  PAYROLL_PROJECTION_NAME,
  PayrollMeta,
  PeriodLine,
  ServedLines,
  StoredFacts,
  decodeFacts,
  decodeLines,
  emptyFacts,
  encodeFacts,
  encodeLines,
  linesCollection,
  servedLinesCollection,
  toPayrollLine,
} from './payroll-documents';
import {
  AttestedFacts,
  ComputedLine,
  adjustmentsFor,
  computeLines,
  earliestOpenAfter,
  employeeKeyOf,
  lineIdOf,
  monthOfDate,
  nextMonth,
} from './payroll-lines';

/**
 * What payroll pays (docs/http-api.md "Payroll"): lines from the latest attested version of each case.
 *
 * Per case it keeps the current state (the decider's own evolve) and, at each attestation, a
 * snapshot of the attested facts in the employee's fact sheet. Whenever one of an employee's facts
 * changes (an attestation, an employment record) the employee's lines are recomputed from the
 * earliest day the change touches, so a month is served by reading stored lines, never by
 * computing 40 000 employees at query time.
 *
 * Locking a period freezes its line documents: they are never written again. A later change to
 * the attested facts of a locked period is paid as signed adjustment lines (current minus paid,
 * per absence, date and code) in the earliest open period after it, carrying `adjustsPeriod` and
 * the original date. Paid = the locked period's own lines plus the adjustments for it frozen in
 * later locked periods.
 */
export class PayrollProjection implements Projection {
  readonly name = PAYROLL_PROJECTION_NAME;
  /**
   * 2: the served lines (`served/<YYYY-MM>`) beside the compact ones. 3: sick pay in hours (SjLL 6 and
   * 8 §§), work injury as sickness, särskilt högriskskydd, unpaidReason and flags. An older store is
   * rebuilt side by side.
   */
  readonly version = 3;
  readonly eventTypes = new Set<string>([...ABSENCE_EVENT_TYPES, 'EmploymentRecorded', 'PayrollPeriodLocked', HIGH_RISK_PROTECTION_RECORDED]);

  async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
    const meta = await loadMeta(uow);
    // The ledger's own clock moves the horizon of open-ended cases.
    await advanceHorizon(uow, meta, monthOfDate(localDateOf(event.metadata.recordedAt)));
    if (isRecorded<EmploymentRecorded>(event, 'EmploymentRecorded')) await this.onEmployment(event, uow, meta);
    else if (isRecorded<PayrollPeriodLocked>(event, 'PayrollPeriodLocked')) await this.onLock(event, uow, meta);
    else if (isRecorded<HighRiskProtectionRecorded>(event, HIGH_RISK_PROTECTION_RECORDED)) await this.onHighRiskProtection(event, uow, meta);
    else await this.onAbsence(event, uow, meta);
  }

  private async onAbsence(event: RecordedEvent, uow: UnitOfWork, meta: PayrollMeta): Promise<void> {
    const absenceId = absenceIdOfStream(event.streamId);
    const before = (await uow.get<AbsenceState>(CASE_COLLECTION, absenceId)) ?? absenceDecider.initialState;
    if (Number(event.revision) <= before.version) return; // replayed event: already applied
    const after = evolveRecorded(absenceDecider, before, event);
    await uow.put(CASE_COLLECTION, absenceId, after);
    if (event.type !== 'AbsenceAttested') return;

    const snapshot: AttestedFacts = {
      absenceId,
      type: after.type,
      from: after.from,
      to: after.to,
      extentPercent: after.extentPercent,
      withdrawn: after.withdrawn,
      attestedBy: event.metadata.actor.sub,
      attestedAt: event.metadata.recordedAt,
      // SjLL 8 §: no sick pay before the day the employer was notified, unless prevented.
      notifiedOn: localDateOf(after.employerNotifiedAt || after.reportedAt),
      preventedFromReporting: after.preventedFromReporting === true,
    };
    const facts = await loadFacts(uow, after.employeeId);
    const next: EmployeeFacts = { ...facts, cases: { ...facts.cases, [absenceId]: snapshot } };
    const window = windowOf(facts.cases[absenceId], snapshot, next, monthBounds(meta.horizon!).last);
    await recompute(uow, meta, next, window.from, window.to);
  }

  private async onEmployment(event: RecordedEvent<EmploymentRecorded['data']>, uow: UnitOfWork, meta: PayrollMeta): Promise<void> {
    const employeeId = employeeIdOfStream(event.streamId);
    const facts = await loadFacts(uow, employeeId);
    const revision = Number(event.revision);
    if (revision <= facts.revision) return;
    const employments = evolveRecorded(employeeDecider, { ...employeeDecider.initialState, employments: facts.employments }, event).employments;
    const next: EmployeeFacts = { ...facts, revision, employments };
    if (Object.keys(next.cases).length === 0 && next.months.length === 0) {
      await uow.put(FACTS_COLLECTION, employeeId, encodeFacts(next));
      return;
    }
    // A record in force from effectiveFrom changes scheduled hours from that day on only.
    await recompute(uow, meta, next, event.data.effectiveFrom);
  }

  /** Särskilt högriskskydd: periods starting within the decision lose their karensavdrag. */
  private async onHighRiskProtection(event: RecordedEvent<HighRiskProtectionRecorded['data']>, uow: UnitOfWork, meta: PayrollMeta): Promise<void> {
    const { employeeId, from, to } = event.data;
    const facts = await loadFacts(uow, employeeId);
    const before = facts.highRiskProtections.find((p) => p.from === from);
    if (before !== undefined && before.to === to) return; // replayed, or nothing changed
    const highRiskProtections = [...facts.highRiskProtections.filter((p) => p.from !== from), { from, to }].sort((a, b) => (a.from < b.from ? -1 : 1));
    const next: EmployeeFacts = { ...facts, highRiskProtections };
    if (Object.keys(next.cases).length === 0 && next.months.length === 0) {
      await uow.put(FACTS_COLLECTION, employeeId, encodeFacts(next));
      return;
    }
    // A period starting on or after `from` may change, and every later sick day with it.
    await recompute(uow, meta, next, from);
  }

  private async onLock(event: RecordedEvent<PayrollPeriodLocked['data']>, uow: UnitOfWork, meta: PayrollMeta): Promise<void> {
    const period = event.data.period;
    if (meta.locked.includes(period)) return;
    // What the period pays must be stored before it freezes, open-ended cases included.
    await advanceHorizon(uow, meta, period);
    meta.locked = [...meta.locked, period].sort();
    await uow.put(META_COLLECTION, META_STATE_KEY, meta);
  }
}

async function loadMeta(uow: UnitOfWork): Promise<PayrollMeta> {
  return (await uow.get<PayrollMeta>(META_COLLECTION, META_STATE_KEY)) ?? { ...INITIAL_META, locked: [] };
}

async function loadFacts(uow: UnitOfWork, employeeId: string): Promise<EmployeeFacts> {
  const stored = await uow.get<StoredFacts>(FACTS_COLLECTION, employeeId);
  return stored === undefined ? emptyFacts(employeeId) : decodeFacts(stored);
}

async function loadRegistry(uow: UnitOfWork): Promise<OpenEndedRegistry> {
  return (await uow.get<OpenEndedRegistry>(META_COLLECTION, OPEN_ENDED_KEY)) ?? { employees: {} };
}

/**
 * Moves the horizon to `month` when it is later, and stores the lines of every open-ended case
 * for the months it gained.
 */
async function advanceHorizon(uow: UnitOfWork, meta: PayrollMeta, month: IsoMonth): Promise<void> {
  if (meta.horizon !== null && month <= meta.horizon) return;
  const previous = meta.horizon;
  meta.horizon = month;
  await uow.put(META_COLLECTION, META_STATE_KEY, meta);
  if (previous === null) return;
  const registry = await loadRegistry(uow);
  const gained = `${nextMonth(previous)}-01`;
  for (const employeeId of Object.keys(registry.employees).sort()) {
    await recompute(uow, meta, await loadFacts(uow, employeeId), gained);
  }
}

/** The last day a case touches: its last day, or the horizon's end while it is open-ended. */
const lastDayOf = (c: AttestedFacts, horizonEnd: IsoDate) => c.to ?? horizonEnd;

/**
 * The window of days a change to one case can change lines in: from the earlier first day of the
 * old and new facts to the later last day; when sick leave is involved, to the last sick day of
 * the employee (the sick-day numbering and karensavdrag of later sick cases may move).
 */
function windowOf(previous: AttestedFacts | undefined, next: AttestedFacts, facts: EmployeeFacts, horizonEnd: IsoDate): { from: IsoDate; to: IsoDate } {
  let from = next.from;
  let to = lastDayOf(next, horizonEnd);
  if (previous !== undefined) {
    if (previous.from < from) from = previous.from;
    if (lastDayOf(previous, horizonEnd) > to) to = lastDayOf(previous, horizonEnd);
  }
  if (isSickness(next.type) || (previous !== undefined && isSickness(previous.type))) {
    for (const c of Object.values(facts.cases)) {
      if (!c.withdrawn && isSickness(c.type) && lastDayOf(c, horizonEnd) > to) to = lastDayOf(c, horizonEnd);
    }
  }
  return { from, to };
}

/** What identifies a line within one period's document. */
const slotOf = (l: { absenceId: string; date: string; code: string }, adjustsPeriod: IsoMonth | null) =>
  `${l.absenceId}|${l.date}|${l.code}|${adjustsPeriod ?? ''}`;

/**
 * Recomputes an employee's lines in the months from `fromDate` to `toDate` (to the last month that
 * can hold a line when left out) and writes the open periods' documents that changed; stores
 * `facts` as given. Nothing outside the window can change: a day's sick-day coding and scheduled
 * hours depend only on what lies on or before it, and the callers widen the window to every day a
 * change can reach (see windowOf).
 */
async function recompute(uow: UnitOfWork, meta: PayrollMeta, facts: EmployeeFacts, fromDate: IsoDate, toDate?: IsoDate): Promise<void> {
  const startMonth = monthOfDate(fromDate);
  const locked = new Set(meta.locked);
  const live = Object.values(facts.cases).filter((c) => !c.withdrawn);
  const openEnded = live.some((c) => c.to === null);
  const horizonEnd = monthBounds(meta.horizon ?? startMonth).last;

  // The last day that can hold a line. An employee with an open-ended case is stored through the
  // horizon only; later months are computed when asked for.
  let lastDate = '';
  if (openEnded) lastDate = horizonEnd;
  else for (const c of live) if (c.to! > lastDate) lastDate = c.to!;
  // Every month in the window is recomputed whole; the window ends with the last month that can
  // hold a line or that holds one now.
  let endMonth = monthOfDate(toDate ?? (lastDate || fromDate));
  if (toDate === undefined) for (const m of facts.months) if (m > endMonth) endMonth = m;
  const inWindow = (m: IsoMonth) => m >= startMonth && m <= endMonth;

  const regular = new Map<IsoMonth, ComputedLine[]>();
  const firstDate = `${startMonth}-01`;
  const until = monthBounds(endMonth).last < lastDate ? monthBounds(endMonth).last : lastDate;
  if (until >= firstDate) {
    for (const line of computeLines(facts.employments, live, { from: firstDate, to: until }, horizonEnd, facts.highRiskProtections)) {
      const m = monthOfDate(line.date);
      let list = regular.get(m);
      if (list === undefined) regular.set(m, (list = []));
      list.push(line);
    }
  }

  const key = employeeKeyOf(facts.employeeId);
  const docs = new Map<IsoMonth, { doc: LineDocument; lines: PeriodLine[] } | undefined>();
  const loadDoc = async (m: IsoMonth) => {
    if (!docs.has(m)) {
      const doc = facts.months.includes(m) ? await uow.get<LineDocument>(linesCollection(m), key) : undefined;
      docs.set(m, doc === undefined ? undefined : { doc, lines: decodeLines(doc) });
    }
    return docs.get(m);
  };

  // Paid per locked month of the window: every frozen line dated in it (the month's own lines and
  // the adjustments for it frozen in later locked months).
  const paid = new Map<IsoMonth, PeriodLine[]>();
  for (const m of facts.months) {
    if (m < startMonth || !locked.has(m)) continue;
    for (const line of (await loadDoc(m))?.lines ?? []) {
      const of = monthOfDate(line.date);
      if (!inWindow(of)) continue;
      let list = paid.get(of);
      if (list === undefined) paid.set(of, (list = []));
      list.push(line);
    }
  }

  // Current minus paid for each locked month of the window, into the earliest open period after it.
  const adjustments = new Map<IsoMonth, Array<{ line: ComputedLine; adjustsPeriod: IsoMonth }>>();
  const lockedInWindow = meta.locked.filter(inWindow);
  const attestationOf = (absenceId: string) => facts.cases[absenceId];
  const rewrite = new Set<IsoMonth>();
  for (const period of lockedInWindow) {
    const target = earliestOpenAfter(period, locked);
    rewrite.add(target);
    const delta = adjustmentsFor(regular.get(period) ?? [], paid.get(period) ?? [], attestationOf);
    if (delta.length === 0) continue;
    let list = adjustments.get(target);
    if (list === undefined) adjustments.set(target, (list = []));
    for (const line of delta) list.push({ line, adjustsPeriod: period });
  }
  // Open months of the window, and the months that hold adjustments of locked months in it
  // (an existing document there may hold adjustments that are no longer owed).
  for (const m of regular.keys()) if (!locked.has(m)) rewrite.add(m);
  for (const m of facts.months) if (inWindow(m) && !locked.has(m)) rewrite.add(m);

  const months = new Set(facts.months);
  const firstPostId = meta.nextPostId;
  for (const period of [...rewrite].sort()) {
    const before = await loadDoc(period);
    const known = new Map<string, PeriodLine>();
    const lines: PeriodLine[] = [];
    for (const l of before?.lines ?? []) {
      known.set(slotOf(l, l.adjustsPeriod), l);
      // Lines the window does not reach stay as they are.
      const keep = l.adjustsPeriod === null ? !inWindow(period) : !inWindow(l.adjustsPeriod);
      if (keep) lines.push(l);
    }
    const add = (line: ComputedLine, adjustsPeriod: IsoMonth | null) => {
      const was = known.get(slotOf(line, adjustsPeriod));
      // A line in the same slot keeps its lineId and postid.
      const lineId = was?.lineId ?? lineIdOf(period, facts.employeeId, line, adjustsPeriod);
      const postId = was?.postId ?? meta.nextPostId++;
      lines.push({
        lineId,
        employeeId: facts.employeeId,
        absenceId: line.absenceId,
        date: line.date,
        type: line.type,
        code: line.code,
        hours: line.hours,
        extentPercent: line.extentPercent,
        sickDay: line.sickDay,
        unpaidReason: line.unpaidReason,
        flags: line.flags,
        adjustsPeriod,
        attestedBy: line.attestedBy,
        attestedAt: line.attestedAt,
        postId,
      });
    };
    if (inWindow(period)) for (const line of regular.get(period) ?? []) add(line, null);
    for (const { line, adjustsPeriod } of adjustments.get(period) ?? []) add(line, adjustsPeriod);
    lines.sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].lineId === lines[i - 1].lineId) throw new Error(`payroll: two lines of ${facts.employeeId} in ${period} share lineId ${lines[i].lineId}`);
    }

    const collection = linesCollection(period);
    const served = servedLinesCollection(period);
    if (lines.length === 0) {
      if (before !== undefined) {
        await uow.delete(collection, key);
        uow.erase(served, key);
      }
      months.delete(period);
      continue;
    }
    const doc = encodeLines(facts.employeeId, lines);
    if (before === undefined || JSON.stringify(before.doc) !== JSON.stringify(doc)) {
      await uow.put(collection, key, doc);
      const servedLines: ServedLines = lines.map(toPayrollLine);
      uow.write(served, key, servedLines);
    }
    months.add(period);
  }
  if (meta.nextPostId !== firstPostId) await uow.put(META_COLLECTION, META_STATE_KEY, meta);
  await uow.put(FACTS_COLLECTION, facts.employeeId, encodeFacts({ ...facts, months: [...months].sort() }));

  const registry = await loadRegistry(uow);
  if (openEnded !== (registry.employees[facts.employeeId] === 1)) {
    if (openEnded) registry.employees[facts.employeeId] = 1;
    else delete registry.employees[facts.employeeId];
    await uow.put(META_COLLECTION, OPEN_ENDED_KEY, registry);
  }
}
