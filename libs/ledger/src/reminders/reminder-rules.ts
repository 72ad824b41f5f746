import { AbsenceState, Employment, NotificationDetails, NotificationKind, awaitsAttestation, employmentOnDate } from '@ledger/domain';
import {
  DEFAULT_SICK_RULES,
  IsoDate,
  SickPeriod,
  SickSpell,
  ExpectedDurationEvidence,
  addDays,
  addMonths,
  certificateCovers,
  chainSickPeriods,
  isSickness,
  localDateOf,
  localWallClockMs,
  medicalCertificateDueDate,
  returnToWorkPlanDueDate,
  monthOf,
  rehabReviewDue,
  sickDayDate,
  sickPeriodObligations,
  sickRulesOn,
} from '@ledger/swedish-rules';

/**
 * Which reminders are due (docs/domain.md "Obligations that trigger reminders", docs/http-api.md "Notifications"),
 * as pure functions of the read models and today's date. The scanner turns each candidate into a
 * notification with a deterministic id, so a candidate found on every scan is raised once.
 */
export interface ReminderSettings {
  /** RETURN_REPORT_REMINDER_DAYS: how long an open-ended absence may run before return_report_missing. */
  returnReportReminderDays: number;
  /** ATTESTATION_CUTOFF_DAY: the day of the following month by which a period is attested. */
  attestationCutoffDay: number;
  /** ATTESTATION_REMINDER_LEAD_DAYS: attestation_due is raised from this many days before the cut-off. */
  attestationReminderLeadDays: number;
  /** Sick periods that ended more than this many days ago raise no certificate or FK reminder. */
  lookbackDays: number;
}

/** Sick periods that ended more than a month ago are history: no certificate or FK reminder for them. */
export const REMINDER_LOOKBACK_DAYS = 31;

export interface ReminderCandidate {
  kind: NotificationKind;
  recipient: string;
  employeeId: string;
  absenceId: string | null;
  /** What the reminder is about; with kind, recipient and dueDate it makes the id. */
  subject: string;
  /** The date by which the obligation falls due (Europe/Stockholm). */
  dueDate: IsoDate;
  /** What the recipient needs to act (not part of the id). */
  details?: NotificationDetails;
}

/** Who may attest a case today, and the department it came up from when it did (DESIGN.md §4). */
export interface CaseAttesters {
  attesters: readonly string[];
  routedFrom: string | null;
}

export interface EmployeeReminderInput {
  employeeId: string;
  /** The employee's employment history (to route employee-level reminders to today's managers). */
  employments: readonly Employment[];
  /** Every case of the employee, withdrawn ones too (the read model's latest state). */
  cases: readonly AbsenceState[];
  managersOf(departmentId: string): readonly string[];
  /**
   * Who may attest a case today (managers, that day's substitutes, or the managers above); when
   * left out, the managers of the case's department other than the employee.
   */
  attestersOf?(c: AbsenceState): CaseAttesters;
  today: IsoDate;
  settings: ReminderSettings;
}

/** An entry of the discrepancies read model that is still open (docs/http-api.md "Statistics", GET /v1/discrepancies). */
export interface OpenDiscrepancy {
  employeeId: string;
  date: IsoDate;
  kind: 'unreported_absence' | 'absent_but_working';
  absenceId: string | null;
  /** The department the employee belonged to on `date`. */
  departmentId: string;
}

/** The end of `date` in Stockholm (24:00 local) as an ISO 8601 UTC timestamp: what `dueAt` shows. */
export function dueAtOf(date: IsoDate): string {
  return new Date(localWallClockMs(date, 24)).toISOString();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The attestation cut-off of a payroll period (a month): `cutoffDay` of the following month. */
export function attestationCutoffOf(month: string, cutoffDay: number): IsoDate {
  return `${monthOf(addMonths(`${month}-01`, 1))}-${pad2(cutoffDay)}`;
}

/** The first cut-off on or after `today`. */
export function nextCutoff(today: IsoDate, cutoffDay: number): IsoDate {
  const thisMonth = `${monthOf(today)}-${pad2(cutoffDay)}`;
  return today <= thisMonth ? thisMonth : attestationCutoffOf(monthOf(today), cutoffDay);
}

/**
 * The cut-off by which a case or discrepancy must be settled: its own period's cut-off, or, when
 * that has passed, the next one (a late change is paid in the next payroll run).
 */
export function dueCutoff(firstDay: IsoDate, today: IsoDate, cutoffDay: number): IsoDate {
  const own = attestationCutoffOf(monthOf(firstDay), cutoffDay);
  const next = nextCutoff(today, cutoffDay);
  return own > next ? own : next;
}

/** Every reminder the employee's cases give rise to today. */
export function employeeReminders(input: EmployeeReminderInput): ReminderCandidate[] {
  const { employeeId, today, settings } = input;
  const live = input.cases.filter((c) => c.exists && !c.withdrawn);
  const others = (departmentId: string | undefined) =>
    departmentId === undefined ? [] : [...new Set(input.managersOf(departmentId))].filter((m) => m !== employeeId).sort();
  const out: ReminderCandidate[] = [];

  // return_report_missing: an open-ended absence that has run longer than N days (from + N is day N + 1),
  // unless a medical certificate covers today (the absence is then certified, not unreported).
  for (const c of live) {
    if (c.to !== null || today < addDays(c.from, settings.returnReportReminderDays)) continue;
    if (certificateCovers(c.medicalCertificates, today)) continue;
    out.push({
      kind: 'return_report_missing',
      recipient: employeeId,
      employeeId,
      absenceId: c.absenceId,
      subject: c.absenceId,
      dueDate: addDays(c.from, settings.returnReportReminderDays - 1),
      details: { type: c.type, from: c.from },
    });
  }

  // absence_rejected: the employee is told, with the reason, until the case is corrected or withdrawn.
  for (const c of live) {
    if (c.status !== 'rejected') continue;
    out.push({
      kind: 'absence_rejected',
      recipient: employeeId,
      employeeId,
      absenceId: c.absenceId,
      subject: `${c.absenceId}@v${c.version}`,
      dueDate: dueCutoff(c.from, today, settings.attestationCutoffDay),
      details: { reason: c.rejectionReason ?? null, version: c.version, type: c.type, from: c.from, to: c.to },
    });
  }

  // attestation_due: a case waiting for attestation, from `lead` days before its cut-off on.
  for (const c of input.cases) {
    if (!awaitsAttestation(c)) continue;
    const cutoff = dueCutoff(c.from, today, settings.attestationCutoffDay);
    if (today < addDays(cutoff, -settings.attestationReminderLeadDays)) continue;
    const who = input.attestersOf ? input.attestersOf(c) : { attesters: others(c.departmentId), routedFrom: null };
    for (const attester of [...new Set(who.attesters)].filter((a) => a !== employeeId).sort()) {
      out.push({
        kind: 'attestation_due',
        recipient: attester,
        employeeId,
        absenceId: c.absenceId,
        subject: `${c.absenceId}@v${c.version}`,
        dueDate: cutoff,
        details: { cutoff, version: c.version, type: c.type, from: c.from, to: c.to, routedFrom: who.routedFrom },
      });
    }
  }

  // Sickness (sick and work injury): läkarintyg from day 8 of each spell, sjukanmälan to
  // Försäkringskassan after day 14, the return-to-work plan, rehabilitation.
  const sick = live.filter((c) => isSickness(c.type));
  if (sick.length === 0) return out;
  const byId = new Map(sick.map((c) => [c.absenceId, c]));
  const spells: SickSpell[] = sick.map((c) => ({
    absenceId: c.absenceId,
    from: c.from,
    // An open-ended case runs until today (or its first day, when that is tomorrow).
    to: c.to ?? (c.from > today ? c.from : today),
    extentPercent: c.extentPercent,
  }));
  const periods = chainSickPeriods(spells);
  const oldest = addDays(today, -settings.lookbackDays);

  // medical_certificate_due: day 8 of each spell on its own, counted from the later of its first day
  // and its notification day (SjLL 8 § 2 st), once the spell has reached it and no certificate of the
  // employee's sickness covers that day.
  for (const c of sick) {
    const notified = c.employerNotifiedAt || c.reportedAt;
    const day8 = medicalCertificateDueDate({ from: c.from, notifiedOn: notified ? localDateOf(notified) : undefined, preventedFromReporting: c.preventedFromReporting });
    const last = c.to ?? today;
    if (today < day8 || last < day8 || last < oldest) continue;
    if (sick.some((other) => certificateCovers(other.medicalCertificates, day8))) continue;
    out.push({
      kind: 'medical_certificate_due',
      recipient: employeeId,
      employeeId,
      absenceId: c.absenceId,
      subject: `${employeeId}|certificate|${c.absenceId}`,
      dueDate: day8,
      details: { from: c.from, day8 },
    });
  }

  for (const period of periods) {
    if (period.end < oldest || period.start > today) continue;
    const subject = `${employeeId}|sick-period|${period.start}`;

    // return_to_work_plan_due (SFB 30 kap. 6 §): to the managers, by day 30 once the absence is
    // expected to last 60 days (a certificate or a case running that far, or an open case reaching day
    // 60), at once when that becomes known after day 30.
    const evidence: ExpectedDurationEvidence[] = [];
    let openEnded = false;
    for (const s of period.spells) {
      const c = byId.get(s.absenceId)!;
      if (c.to === null) openEnded = true;
      else evidence.push({ lastDay: c.to, knownOn: c.reportedAt ? localDateOf(c.reportedAt) : period.start });
      for (const m of c.medicalCertificates) {
        const at = m.recordedAt ?? c.reportedAt;
        evidence.push({ lastDay: m.to, knownOn: at ? localDateOf(at) : period.start });
      }
    }
    const planDue = returnToWorkPlanDueDate({ start: period.start, openEnded, evidence }, today);
    if (planDue !== null) {
      const latest = period.spells[period.spells.length - 1].absenceId;
      for (const manager of others(byId.get(latest)?.departmentId)) {
        out.push({ kind: 'return_to_work_plan_due', recipient: manager, employeeId, absenceId: latest, subject, dueDate: planDue, details: { periodStart: period.start } });
      }
    }

    for (const obligation of sickPeriodObligations(period, { asOf: today })) {
      if (obligation.kind === 'fk_report_due') {
        const firstDayPast14 = sickDayDate(period, sickRulesOn(DEFAULT_SICK_RULES, period.start).fkReportAfterDay + 1);
        const absenceId = spellOn(period, firstDayPast14);
        for (const manager of others(absenceId ? byId.get(absenceId)?.departmentId : undefined)) {
          out.push({ kind: 'fk_report_due', recipient: manager, employeeId, absenceId, subject, dueDate: obligation.dueDate, details: { periodStart: period.start } });
        }
      }
    }
  }

  const trigger = rehabTrigger(periods.map((p) => p.start), today);
  if (trigger !== undefined) {
    const department = employmentOnDate(input.employments, today)?.departmentId ?? sick[sick.length - 1].departmentId;
    for (const manager of others(department)) {
      out.push({
        kind: 'rehab_review_due',
        recipient: manager,
        employeeId,
        absenceId: null,
        subject: `${employeeId}|rehab`,
        dueDate: trigger,
        details: { firstOccasion: trigger },
      });
    }
  }
  return out;
}

/** The reminders an open discrepancy gives rise to: its department's managers, by the cut-off. */
export function discrepancyReminders(
  d: OpenDiscrepancy,
  managers: readonly string[],
  today: IsoDate,
  settings: Pick<ReminderSettings, 'attestationCutoffDay'>,
): ReminderCandidate[] {
  const dueDate = dueCutoff(d.date, today, settings.attestationCutoffDay);
  return [...new Set(managers)]
    .filter((m) => m !== d.employeeId)
    .sort()
    .map((recipient) => ({
      kind: 'discrepancy' as const,
      recipient,
      employeeId: d.employeeId,
      absenceId: d.absenceId,
      subject: `${d.employeeId}|${d.date}|${d.kind}`,
      dueDate,
      details: { date: d.date, discrepancyKind: d.kind, cutoff: dueDate },
    }));
}

/**
 * When today falls in a rehabilitation-review window (6 sick occasions in 12 months,
 * `rehabReviewDue`), the occasion that opened the current series: walking the period starts in
 * order, an occasion that completes 6 in its 12 months starts a series unless one started in the
 * 12 months before it. One reminder per series, however many more occasions follow.
 */
export function rehabTrigger(periodStarts: readonly IsoDate[], today: IsoDate): IsoDate | undefined {
  if (!rehabReviewDue(periodStarts, today)) return undefined;
  const starts = [...new Set(periodStarts.filter((s) => s <= today))].sort();
  let trigger: IsoDate | undefined;
  for (const s of starts) {
    const windowMonths = sickRulesOn(DEFAULT_SICK_RULES, s).rehabReviewWindowMonths;
    if (rehabReviewDue(starts, s) && (trigger === undefined || s > addMonths(trigger, windowMonths))) trigger = s;
  }
  return trigger;
}

/** The case of the period whose dates hold `date`. */
function spellOn(period: SickPeriod, date: IsoDate): string | null {
  return period.spells.find((s) => s.from <= date && date <= s.to)?.absenceId ?? null;
}

