import { AbsenceState, absenceDecider } from '@ledger/domain';
import {
  EmployeeReminderInput,
  ReminderCandidate,
  attestationCutoffOf,
  discrepancyReminders,
  dueAtOf,
  dueCutoff,
  employeeReminders,
  nextCutoff,
  rehabTrigger,
} from './reminder-rules';

const settings = { returnReportReminderDays: 7, attestationCutoffDay: 10, attestationReminderLeadDays: 5, lookbackDays: 31 };
const managers: Record<string, string[]> = { D1: ['M1', 'E1'], D2: ['M2'] };

let seq = 0;
function absence(overrides: Partial<AbsenceState>): AbsenceState {
  seq++;
  return {
    ...absenceDecider.initialState,
    exists: true,
    absenceId: `a-${seq}`,
    employeeId: 'E1',
    departmentId: 'D1',
    type: 'sick',
    from: '2026-01-01',
    to: '2026-01-01',
    status: 'attested',
    version: 1,
    attestedVersion: 0,
    pendingAttestation: false,
    ...overrides,
  };
}

function reminders(today: string, cases: AbsenceState[], extra: Partial<EmployeeReminderInput> = {}): ReminderCandidate[] {
  return employeeReminders({
    employeeId: 'E1',
    employments: [{ effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 }],
    cases,
    managersOf: (d) => managers[d] ?? [],
    today,
    settings,
    ...extra,
  });
}

const kinds = (list: ReminderCandidate[]) => list.map((r) => r.kind).sort();
const only = (kind: ReminderCandidate['kind'], list: ReminderCandidate[]) => list.filter((r) => r.kind === kind);

describe('reminder rules', () => {
  describe('dates', () => {
    it('dueAt is 24:00 Stockholm time of the due date, in UTC', () => {
      // Winter (CET, UTC+1): the end of 10 March is 23:00Z that day; summer (CEST, UTC+2): 22:00Z.
      expect(dueAtOf('2026-03-10')).toBe('2026-03-10T23:00:00.000Z');
      expect(dueAtOf('2026-07-10')).toBe('2026-07-10T22:00:00.000Z');
    });

    it('the cut-off of a period is the cut-off day of the following month, rolling to the next one once passed', () => {
      expect(attestationCutoffOf('2026-02', 10)).toBe('2026-03-10');
      expect(attestationCutoffOf('2026-12', 10)).toBe('2027-01-10');
      expect(nextCutoff('2026-03-10', 10)).toBe('2026-03-10');
      expect(nextCutoff('2026-03-11', 10)).toBe('2026-04-10');
      // January's cut-off (10 Feb) has passed on 6 March: the next run's cut-off (10 March) applies.
      expect(dueCutoff('2026-01-20', '2026-03-06', 10)).toBe('2026-03-10');
      // A case in June is due by 10 July, however early it is reported.
      expect(dueCutoff('2026-06-15', '2026-03-06', 10)).toBe('2026-07-10');
    });
  });

  describe('return_report_missing', () => {
    it('is raised once an open-ended absence has run longer than RETURN_REPORT_REMINDER_DAYS', () => {
      // VAB from 5 March: days 5–11 March are its 7 days; on 12 March it has run longer than 7.
      const open = absence({ type: 'care_of_child', from: '2026-03-05', to: null });
      const younger = absence({ type: 'care_of_child', from: '2026-03-06', to: null });
      const closed = absence({ type: 'care_of_child', from: '2026-02-01', to: '2026-02-03' });
      const withdrawn = absence({ type: 'care_of_child', from: '2026-02-01', to: null, withdrawn: true, status: 'withdrawn' });
      expect(reminders('2026-03-11', [open])).toEqual([]);
      expect(reminders('2026-03-12', [open, younger, closed, withdrawn])).toEqual([
        { kind: 'return_report_missing', recipient: 'E1', employeeId: 'E1', absenceId: open.absenceId, subject: open.absenceId, dueDate: '2026-03-11', details: { type: open.type, from: open.from } },
      ]);
    });
  });

  describe('absence_rejected', () => {
    it('tells the employee the reason while the case stays rejected, due by the cut-off', () => {
      const rejected = absence({ type: 'vacation', from: '2026-02-16', to: '2026-02-17', status: 'rejected', version: 1, attestedVersion: null, rejectionReason: 'the dates cross a holiday' });
      expect(only('absence_rejected', reminders('2026-02-20', [rejected]))).toEqual([
        {
          kind: 'absence_rejected',
          recipient: 'E1',
          employeeId: 'E1',
          absenceId: rejected.absenceId,
          subject: `${rejected.absenceId}@v1`,
          dueDate: '2026-03-10',
          details: { reason: 'the dates cross a holiday', version: 1, type: 'vacation', from: '2026-02-16', to: '2026-02-17' },
        },
      ]);
      const corrected = { ...rejected, status: 'reported' as const, version: 2, pendingAttestation: true, rejectionReason: null };
      expect(only('absence_rejected', reminders('2026-02-20', [corrected]))).toEqual([]);
    });
  });

  describe('attestation_due', () => {
    const pending = (from: string, version = 0) => absence({ type: 'vacation', from, to: from, status: 'reported', pendingAttestation: true, version, attestedVersion: null });

    it('is raised for the managers (never the employee) from 5 days before the cut-off', () => {
      const february = pending('2026-02-16');
      const march = pending('2026-03-02');
      const attested = absence({ type: 'vacation', from: '2026-02-17', to: '2026-02-17' });
      // Cut-off for February is 10 March; 5 days before is 5 March.
      expect(reminders('2026-03-04', [february])).toEqual([]);
      expect(reminders('2026-03-05', [february, march, attested])).toEqual([
        { kind: 'attestation_due', recipient: 'M1', employeeId: 'E1', absenceId: february.absenceId, subject: `${february.absenceId}@v0`, dueDate: '2026-03-10',
          details: { cutoff: '2026-03-10', version: 0, type: february.type, from: february.from, to: february.to, routedFrom: null } },
      ]);
    });

    it('moves to the next cut-off once the period’s own has passed, and names the version that waits', () => {
      const late = pending('2026-01-20', 3);
      // January's cut-off was 10 February; on 6 March the next one, 10 March, is 4 days away.
      expect(reminders('2026-03-06', [late])).toEqual([
        expect.objectContaining({ kind: 'attestation_due', subject: `${late.absenceId}@v3`, dueDate: '2026-03-10' }),
      ]);
      // On 11 March the next cut-off is 10 April, 30 days away: nothing yet.
      expect(reminders('2026-03-11', [late])).toEqual([]);
    });

    it('reminds those who attest the case: the manager above, with routedFrom, when the only manager is the employee', () => {
      const own = pending('2026-02-16');
      const attestersOf = () => ({ attesters: ['M9'], routedFrom: 'D1' });
      expect(reminders('2026-03-05', [own], { attestersOf })).toEqual([
        expect.objectContaining({ kind: 'attestation_due', recipient: 'M9', details: expect.objectContaining({ routedFrom: 'D1', cutoff: '2026-03-10' }) }),
      ]);
      // Nobody to attest: nobody is reminded (never the employee).
      expect(reminders('2026-03-05', [own], { attestersOf: () => ({ attesters: ['E1'], routedFrom: null }) })).toEqual([]);
    });

    it('reminds of a withdrawal of attested facts that waits for attestation', () => {
      const withdrawal = absence({ type: 'vacation', from: '2026-02-20', to: '2026-02-20', status: 'withdrawn', withdrawn: true, pendingAttestation: true, version: 2 });
      expect(kinds(reminders('2026-03-08', [withdrawal]))).toEqual(['attestation_due']);
    });
  });

  describe('medical_certificate_due', () => {
    it('is raised on sick day 8 when no certificate covers that day', () => {
      // Sick from Monday 2 March, reported until 20 March (the fixture has no recording time, so the
      // first day counts as the notification day): 2 March is day 1, so 9 March is day 8.
      const sick = absence({ from: '2026-03-02', to: '2026-03-20' });
      expect(kinds(reminders('2026-03-08', [sick]))).toEqual([]);
      expect(reminders('2026-03-09', [sick])).toEqual([
        { kind: 'medical_certificate_due', recipient: 'E1', employeeId: 'E1', absenceId: sick.absenceId, subject: `E1|certificate|${sick.absenceId}`, dueDate: '2026-03-09',
          details: { from: '2026-03-02', day8: '2026-03-09' } },
      ]);
      const certified = { ...sick, medicalCertificates: [{ from: '2026-03-09', to: '2026-03-20', extentPercent: 100 }] };
      expect(reminders('2026-03-09', [certified])).toEqual([]);
      const tooEarly = { ...sick, medicalCertificates: [{ from: '2026-03-02', to: '2026-03-08', extentPercent: 100 }] };
      expect(kinds(reminders('2026-03-09', [tooEarly]))).toEqual(['medical_certificate_due']);
    });

    it('counts day 8 of each spell on its own, also when it is chained (SjLL 8 § 2 st, Försäkringskassan, Sobona)', () => {
      // Sick 2–5 March, back 6–8 March (chained), sick again from 9 March, reported that day. The chained
      // period's day 8 would be 12 March; the spell's own day 8 is 16 March (9 + 7). The first spell
      // ended before its day 8 (9 March): no certificate needed for it.
      const first = absence({ from: '2026-03-02', to: '2026-03-05', reportedAt: '2026-03-02T06:00:00.000Z' });
      const again = absence({ from: '2026-03-09', to: null, reportedAt: '2026-03-09T06:00:00.000Z' });
      expect(only('medical_certificate_due', reminders('2026-03-12', [first, again]))).toEqual([]);
      expect(only('medical_certificate_due', reminders('2026-03-15', [first, again]))).toEqual([]);
      expect(only('medical_certificate_due', reminders('2026-03-16', [first, again]))).toEqual([
        expect.objectContaining({ kind: 'medical_certificate_due', absenceId: again.absenceId, subject: `E1|certificate|${again.absenceId}`, dueDate: '2026-03-16' }),
      ]);
    });

    it('counts from the notification day of a late report', () => {
      // Sick since Tue 10 March, the employer told on Thu 12 March: day 8 is 19 March, not 17.
      const late = absence({ from: '2026-03-10', to: null, reportedAt: '2026-03-12T08:00:00.000Z' });
      expect(only('medical_certificate_due', reminders('2026-03-18', [late]))).toEqual([]);
      expect(only('medical_certificate_due', reminders('2026-03-19', [late]))).toEqual([expect.objectContaining({ dueDate: '2026-03-19' })]);
    });
  });

  describe('return_to_work_plan_due (SFB 30 kap. 6 §)', () => {
    // Sick from Mon 2 March 2026 in D2 (manager M2): day 30 = 31 March, day 60 = 30 April.
    it('is raised for the managers once a certificate runs to day 60, due on day 30', () => {
      const sick = absence({ from: '2026-03-02', to: null, departmentId: 'D2', reportedAt: '2026-03-02T06:00:00.000Z', medicalCertificates: [{ from: '2026-03-09', to: '2026-04-30', extentPercent: 100, recordedAt: '2026-03-10T08:00:00.000Z' }] });
      expect(only('return_to_work_plan_due', reminders('2026-03-09', [sick]))).toEqual([]);
      expect(only('return_to_work_plan_due', reminders('2026-03-10', [sick]))).toEqual([
        { kind: 'return_to_work_plan_due', recipient: 'M2', employeeId: 'E1', absenceId: sick.absenceId, subject: 'E1|sick-period|2026-03-02', dueDate: '2026-03-31', details: { periodStart: '2026-03-02' } },
      ]);
    });

    it('is due at once when it becomes known after day 30, and not for a certificate to day 59', () => {
      const known = absence({ from: '2026-03-02', to: null, departmentId: 'D2', reportedAt: '2026-03-02T06:00:00.000Z', medicalCertificates: [{ from: '2026-03-09', to: '2026-05-15', extentPercent: 100, recordedAt: '2026-04-15T08:00:00.000Z' }] });
      expect(only('return_to_work_plan_due', reminders('2026-04-15', [known]))).toEqual([expect.objectContaining({ dueDate: '2026-04-15' })]);
      const short = absence({ from: '2026-03-02', to: '2026-04-29', departmentId: 'D2', reportedAt: '2026-03-02T06:00:00.000Z' });
      expect(only('return_to_work_plan_due', reminders('2026-04-10', [short]))).toEqual([]);
    });
  });

  describe('return_report_missing under a certificate', () => {
    it('is not raised while a certificate covers today', () => {
      // Open since 2 March; RETURN_REPORT_REMINDER_DAYS 7 raises it from 9 March, unless certified that day.
      const open = absence({ from: '2026-03-02', to: null, medicalCertificates: [{ from: '2026-03-02', to: '2026-03-15', extentPercent: 100 }] });
      expect(only('return_report_missing', reminders('2026-03-15', [open]))).toEqual([]);
      expect(only('return_report_missing', reminders('2026-03-16', [open]))).toEqual([expect.objectContaining({ kind: 'return_report_missing' })]);
    });
  });

  describe('fk_report_due', () => {
    it('is raised for the managers once sickness continues past day 14, due on day 21', () => {
      // Sick from 1 February (open-ended): 14 February is day 14, 15 February day 15, 21 February day 21.
      // Open since 1 February, but certified from 8 February: no return report is missing.
      const sick = absence({ from: '2026-02-01', to: null, departmentId: 'D2', medicalCertificates: [{ from: '2026-02-08', to: '2026-03-31', extentPercent: 100 }] });
      expect(kinds(reminders('2026-02-14', [sick]))).toEqual([]);
      expect(only('fk_report_due', reminders('2026-02-15', [sick]))).toEqual([
        { kind: 'fk_report_due', recipient: 'M2', employeeId: 'E1', absenceId: sick.absenceId, subject: 'E1|sick-period|2026-02-01', dueDate: '2026-02-21', details: { periodStart: '2026-02-01' } },
      ]);
    });

    it('leaves sick periods that ended more than 31 days ago alone', () => {
      // Ended 8 February; 31 days before 12 March is 9 February.
      const old = absence({ from: '2026-01-01', to: '2026-02-08' });
      expect(reminders('2026-03-11', [old]).map((r) => r.kind).sort()).toEqual(['fk_report_due', 'medical_certificate_due']);
      expect(reminders('2026-03-12', [old])).toEqual([]);
    });
  });

  describe('rehab_review_due', () => {
    // Six one-day sick occasions, each more than 5 days after the last (six periods).
    const starts = ['2025-04-01', '2025-06-02', '2025-08-04', '2025-10-06', '2025-12-01', '2026-02-02'];
    const occasions = () => starts.map((d) => absence({ from: d, to: d }));

    it('is raised for the managers of today’s department after 6 occasions in 12 months', () => {
      const cases = occasions();
      // 12 March 2026: the window (12 March 2025, 12 March 2026] holds all six.
      expect(reminders('2026-03-12', cases)).toEqual([
        { kind: 'rehab_review_due', recipient: 'M1', employeeId: 'E1', absenceId: null, subject: 'E1|rehab', dueDate: '2026-02-02', details: { firstOccasion: '2026-02-02' } },
      ]);
      expect(reminders('2026-03-12', cases.slice(1))).toEqual([]);
    });

    it('keeps the same due date (so the same reminder) when more occasions follow in the series', () => {
      expect(rehabTrigger([...starts, '2026-03-02'], '2026-03-12')).toBe('2026-02-02');
      // The window is (today − 12 months, today]: on 1 April 2026 the occasion of 1 April 2025 falls out.
      expect(rehabTrigger(starts, '2026-03-31')).toBe('2026-02-02');
      expect(rehabTrigger(starts, '2026-04-01')).toBeUndefined();
    });

    it('routes to the department the employee belongs to today', () => {
      const moved = reminders('2026-03-12', occasions(), {
        employments: [
          { effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 },
          { effectiveFrom: '2026-03-01', departmentId: 'D2', employmentPercent: 100, weeklyHours: 40 },
        ],
      });
      expect(moved.map((r) => [r.kind, r.recipient])).toEqual([['rehab_review_due', 'M2']]);
    });
  });

  describe('discrepancy', () => {
    it('is raised for the managers of the day’s department, due by the cut-off', () => {
      const d = { employeeId: 'E1', date: '2026-02-20', kind: 'unreported_absence' as const, absenceId: null, departmentId: 'D1' };
      expect(discrepancyReminders(d, managers.D1, '2026-03-06', settings)).toEqual([
        { kind: 'discrepancy', recipient: 'M1', employeeId: 'E1', absenceId: null, subject: 'E1|2026-02-20|unreported_absence', dueDate: '2026-03-10',
          details: { date: '2026-02-20', discrepancyKind: 'unreported_absence', cutoff: '2026-03-10' } },
      ]);
    });
  });
});
