import type { Actor, AbsenceType } from '@ledger/domain';
import { CorrectAbsenceCommand } from '../../apps/api/src/absences/commands/correct-absence.command';
import { RegisterMedicalCertificateCommand } from '../../apps/api/src/absences/commands/register-medical-certificate.command';
import { ReportAbsenceCommand } from '../../apps/api/src/absences/commands/report-absence.command';
import { ReportReturnCommand } from '../../apps/api/src/absences/commands/report-return.command';
import { WithdrawAbsenceCommand } from '../../apps/api/src/absences/commands/withdraw-absence.command';
import type { AbsenceCommandResult } from '../../apps/api/src/absences/commands/absence-command-result';
import type { CorrectAbsenceDto, ReportAbsenceDto } from '../../apps/api/src/absences/absence.dto';
import { AttestAbsenceCommand } from '../../apps/api/src/attestation/commands/attest-absence.command';
import { RejectAbsenceCommand } from '../../apps/api/src/attestation/commands/reject-absence.command';
import { DefineDepartmentCommand, RecordEmploymentCommand } from '../../apps/api/src/master-data/master-data.commands';
import { RecordObservationCommand } from '../../apps/api/src/observations/commands/record-observation.command';
import type { AttestationRound } from './attestation';
import { localDateOf } from '@ledger/swedish-rules';
import { Day, addMonths, dateOf, dayOf, firstDayOfMonth, instantOf, monthOf } from './days';
import type { LedgerGateway } from './ledger-gateway';
import { CaseView, LedgerView, attestable, reopened } from './ledger-view';
import type { DepartmentPlan, EmployeePlan, EmploymentPlan, Organisation } from './organisation';
import type { SimulationParameters } from './parameters';
import type { Random } from './random';
import { CasePlan, ErrorField, Moment, ObservationPlan, Who, moment } from './reporting';
import type { SimulationStats } from './stats';

const REJECTION_REASONS: Record<ErrorField, string> = {
  extentPercent: 'Omfattningen stämmer inte med schemat, rätta',
  from: 'Första dagen stämmer inte, rätta datum',
  to: 'Sista dagen stämmer inte, rätta datum',
  type: 'Fel frånvarotyp, rätta',
};

export type Schedule = (when: Moment, lane: string, key: string, run: () => Promise<void>) => void;

/**
 * Sends the simulated people's commands: the same command objects the controllers dispatch, with
 * the actor each would have (the employee, their manager on the phone, HR, the integrations),
 * and keeps the simulator's picture of the ledger in step with the answers. A refusal by a rule is
 * counted, never fatal.
 */
export class CommandDriver {
  constructor(
    private readonly gateway: LedgerGateway,
    readonly view: LedgerView,
    private readonly stats: SimulationStats,
    private readonly org: Organisation,
    private readonly awayDays: ReadonlyMap<string, ReadonlySet<Day>>,
    private readonly params: SimulationParameters,
    private readonly seed: string,
    private readonly schedule: Schedule,
    private readonly laneRandom: (lane: string) => Random,
  ) {}

  private key(...parts: Array<string | number>): string {
    return `sim-${this.seed}:${parts.join(':')}`;
  }

  private async send<T>(name: string, at: number, command: object): Promise<T | undefined> {
    const outcome = await this.gateway.execute<T>(at, command);
    if (outcome.ok) {
      this.stats.succeeded(name);
      return outcome.result;
    }
    this.stats.refusedBy(name, outcome.error);
    return undefined;
  }

  // ---------------------------------------------------------------- master data

  async defineDepartment(dept: DepartmentPlan, at: number): Promise<void> {
    const actor = actorOf(this.params.actors.masterDataSync);
    await this.send('define_department', at, new DefineDepartmentCommand(actor, dept.id, { name: dept.name, managerIds: [...dept.managerIds] }, this.key('department', dept.id)));
  }

  async recordEmployment(employee: EmployeePlan, employment: EmploymentPlan): Promise<void> {
    const actor = actorOf(employment.initial ? this.params.actors.masterDataSync : this.params.actors.hr);
    const body = {
      departmentId: employment.departmentId,
      gender: employee.gender,
      birthYear: employee.birthYear,
      employmentPercent: employment.employmentPercent,
      weeklyHours: employment.weeklyHours,
      effectiveFrom: dateOf(employment.effectiveFrom),
    };
    const key = this.key('employment', employee.id, body.effectiveFrom);
    const result = await this.send('record_employment', employment.recordAt, new RecordEmploymentCommand(actor, employee.id, body, key));
    if (result) this.view.recordEmployment(employee.id, { effectiveFrom: employment.effectiveFrom, departmentId: employment.departmentId });
  }

  // ---------------------------------------------------------------- absences

  /** Frånvaroanmälan, after settling what the employee's open cases would otherwise block. */
  async report(plan: CasePlan): Promise<void> {
    const r = plan.report;
    if (plan.kind !== 'double' && (await this.settleOpenCases(plan, r)) === 'postponed') return;
    const body: ReportAbsenceDto = {
      absenceId: plan.absenceId,
      employeeId: plan.employeeId,
      type: r.type,
      from: dateOf(r.from),
      extentPercent: r.extent,
      channel: r.channel,
    };
    let cappedTo = false;
    if (r.to !== null) body.to = dateOf(r.to);
    else {
      // An open-ended case overlaps every later day, so a registered future absence would refuse it:
      // the employee reports up to the day before it and corrects the last day on coming back.
      const next = this.activeCases(plan.employeeId).filter((c) => c.from > r.from).sort((a, b) => a.from - b.from)[0];
      if (next && plan.kind !== 'double') {
        body.to = dateOf(next.from - 1);
        cappedTo = true;
      }
    }
    const actor = this.actorFor(r.by, plan.employeeId, r.day);
    const result = await this.send<AbsenceCommandResult>('report_absence', r.at, new ReportAbsenceCommand(actor, body));
    if (!result) return;
    if (cappedTo) this.stats.reportsCappedBeforeNextAbsence++;
    if (r.type === 'sick' || r.type === 'care_of_child') {
      this.stats.reportsUnplanned++;
      if (r.at >= instantOf(r.from + 1, 0)) this.stats.reportsLate++;
    }
    if (actor.sub !== plan.employeeId) {
      if (actor.roles.includes('hr')) this.stats.reportsByHr++;
      else this.stats.reportsByManager++;
    }
    const departmentId = this.view.departmentOn(plan.employeeId, r.from) ?? '';
    this.view.add({
      absenceId: plan.absenceId,
      employeeId: plan.employeeId,
      departmentId,
      type: r.type,
      from: r.from,
      to: body.to === undefined ? null : dayOf(body.to),
      extentPercent: r.extent,
      version: result.version,
      status: 'reported',
      withdrawn: false,
      attestedVersion: null,
      pendingAttestation: true,
      cappedTo,
      errorPending: plan.kind === 'unplanned' && plan.correction !== undefined,
      plan,
    });
  }

  /**
   * Before a new report: a mistaken sick report still open is withdrawn, and an open case whose
   * absence has in fact ended gets its (late) return report. A planned absence is reported only
   * once an open sick leave that really goes on has ended (always a later day, so this ends).
   */
  private async settleOpenCases(plan: CasePlan, r: CasePlan['report']): Promise<'ok' | 'postponed'> {
    for (const open of this.activeCases(plan.employeeId)) {
      const blocks = open.to === null || (open.cappedTo && open.to >= r.from);
      if (!blocks || open.absenceId === plan.absenceId) continue;
      const at = r.at - 60_000;
      if (open.plan.kind === 'phantom') {
        await this.withdrawCase(open, at, 'self', 'Anmäld av misstag, var i tjänst');
      } else if (open.plan.truth.to < r.day) {
        if (await this.endCase(open, at)) this.stats.returnsPromptedByNewReport++;
      } else if (plan.kind === 'planned' || plan.kind === 'cancelled') {
        const lane = this.laneRandom(plan.employeeId);
        const when = moment(open.plan.truth.to + 1 + lane.int(0, 2), lane.between(10, 16));
        this.stats.reportsPostponed++;
        this.schedule(when, plan.employeeId, `${plan.absenceId}:report`, () => this.report({ ...plan, report: { ...plan.report, ...when } }));
        return 'postponed';
      }
    }
    return 'ok';
  }

  /** The employee is back: friskanmälan, or for a case reported up to the next absence, a correction of its last day. */
  private async endCase(c: CaseView, at: number, by: Who = 'self'): Promise<boolean> {
    if (c.to === null) return this.returnCase(c, at, by);
    if (!c.cappedTo || c.to === c.plan.truth.to) return false;
    const reason = 'Friskanmäld, åter i tjänst';
    return this.correctCase(c, at, by, { to: dateOf(c.plan.truth.to), reason }, reason);
  }

  /** Friskanmälan at its planned time (unless it already happened). */
  async reportReturn(plan: CasePlan): Promise<void> {
    const c = this.view.cases.get(plan.absenceId);
    if (c && !c.withdrawn) await this.endCase(c, plan.return!.at, plan.return!.by);
  }

  private async returnCase(c: CaseView, at: number, by: Who): Promise<boolean> {
    const lastDay = c.plan.truth.to;
    const day = dayOfInstant(at);
    const actor = this.actorFor(by, c.employeeId, day, c.departmentId);
    const result = await this.send<AbsenceCommandResult>('report_return', at, new ReportReturnCommand(actor, c.absenceId, { lastDay: dateOf(lastDay) }, this.key('return', c.absenceId)));
    if (!result) return false;
    if (at >= instantOf(lastDay + 2, 0)) this.stats.returnsLate++;
    if (actor.sub !== c.employeeId) this.stats.returnsByManager++;
    this.view.update(c, (x) => {
      x.to = lastDay;
      x.version = result.version;
      reopened(x);
    });
    return true;
  }

  /** A planned correction: puts the wrong field of the report right, if it still is wrong. */
  async correct(plan: CasePlan): Promise<void> {
    const c = this.view.cases.get(plan.absenceId);
    const fix = plan.correction!;
    if (!c || c.withdrawn) return;
    await this.fixField(c, fix.field, fix.at, 'self', fix.reason);
  }

  private async fixField(c: CaseView, field: ErrorField, at: number, by: Who, reason: string): Promise<void> {
    const t = c.plan.truth;
    const changes: CorrectAbsenceDto = { reason };
    if (field === 'extentPercent' && c.extentPercent !== t.extent) changes.extentPercent = t.extent;
    if (field === 'from' && c.from !== t.from) changes.from = dateOf(t.from);
    if (field === 'to' && c.to !== null && c.to !== t.to) changes.to = dateOf(t.to);
    if (field === 'type' && c.type !== t.type) changes.type = t.type;
    if (Object.keys(changes).length === 1) return;
    if (changes.from !== undefined) await this.settleBefore(c, t.from, at);
    await this.correctCase(c, at, by, changes, reason);
  }

  /** A correction that moves the start earlier needs the employee's earlier open case closed first. */
  private async settleBefore(c: CaseView, from: Day, at: number): Promise<void> {
    for (const open of this.activeCases(c.employeeId)) {
      if (open === c || open.from > from || !(open.to === null || (open.cappedTo && open.to >= from))) continue;
      if (open.plan.kind === 'phantom') await this.withdrawCase(open, at - 60_000, 'self', 'Anmäld av misstag, var i tjänst');
      else if (open.plan.truth.to < from) await this.endCase(open, at - 60_000);
    }
  }

  private async correctCase(c: CaseView, at: number, by: Who, changes: CorrectAbsenceDto, reason: string): Promise<boolean> {
    const actor = this.actorFor(by, c.employeeId, dayOfInstant(at), c.departmentId);
    const body: CorrectAbsenceDto = { ...changes, reason, expectedVersion: c.version };
    const result = await this.send<AbsenceCommandResult>('correct_absence', at, new CorrectAbsenceCommand(actor, c.absenceId, body, this.key('correct', c.absenceId, c.version)));
    if (!result) return false;
    if (c.attestedVersion !== null && !c.pendingAttestation) this.stats.correctionsAfterAttestation++;
    this.view.update(c, (x) => {
      if (changes.extentPercent !== undefined) x.extentPercent = changes.extentPercent;
      if (changes.type !== undefined) x.type = changes.type as AbsenceType;
      if (changes.to !== undefined) x.to = dayOf(changes.to);
      if (changes.from !== undefined) {
        x.from = dayOf(changes.from);
        x.departmentId = this.view.departmentOn(x.employeeId, x.from) ?? x.departmentId;
      }
      x.version = result.version;
      x.errorPending = fieldStillWrong(x);
      reopened(x);
    });
    return true;
  }

  async withdraw(plan: CasePlan): Promise<void> {
    const c = this.view.cases.get(plan.absenceId);
    const w = plan.withdrawal!;
    if (!c || c.withdrawn) return;
    await this.withdrawCase(c, w.at, w.by, w.reason);
  }

  private async withdrawCase(c: CaseView, at: number, by: Who, reason: string): Promise<void> {
    const actor = this.actorFor(by, c.employeeId, dayOfInstant(at), c.departmentId);
    const result = await this.send<AbsenceCommandResult>(
      'withdraw_absence',
      at,
      new WithdrawAbsenceCommand(actor, c.absenceId, { reason, expectedVersion: c.version }, this.key('withdraw', c.absenceId)),
    );
    if (!result) return;
    this.view.update(c, (x) => {
      x.withdrawn = true;
      x.status = 'withdrawn';
      x.pendingAttestation = x.attestedVersion !== null;
      x.version = result.version;
    });
  }

  async certificate(plan: CasePlan, index: number): Promise<void> {
    const c = this.view.cases.get(plan.absenceId);
    const cert = plan.certificates[index];
    if (!c || c.withdrawn) return;
    const actor = this.actorFor(cert.by, c.employeeId, cert.day, c.departmentId);
    const body = { from: dateOf(cert.from), to: dateOf(cert.to), extentPercent: plan.truth.extent };
    const result = await this.send<AbsenceCommandResult>(
      'register_medical_certificate',
      cert.at,
      new RegisterMedicalCertificateCommand(actor, c.absenceId, body, this.key('certificate', c.absenceId, index)),
    );
    if (result) this.view.update(c, (x) => void (x.version = result.version));
  }

  // ---------------------------------------------------------------- attestation

  /** A manager's round reaches one employee: each of their cases in the department that waits, oldest report first. */
  async attestRound(employeeId: string, round: AttestationRound, at: number): Promise<void> {
    const waiting = this.view
      .casesOf(employeeId)
      .filter((c) => c.departmentId === round.departmentId && attestable(c))
      .sort((a, b) => a.plan.report.at - b.plan.report.at);
    for (let i = 0; i < waiting.length; i++) await this.attestInRound(waiting[i], round, at + i * 5_000);
  }

  /** One case in a manager's round: attested as it stands, or returned when the manager sees it is wrong. */
  private async attestInRound(c: CaseView, round: AttestationRound, at: number): Promise<void> {
    if (!attestable(c) || c.departmentId !== round.departmentId || c.employeeId === round.managerId) return;
    const actor: Actor = { sub: round.managerId, roles: ['employee', 'manager'] };
    const r = this.laneRandom(c.employeeId);
    if (c.errorPending && !c.withdrawn && r.chance(this.params.attestation.rejectWrongReport)) {
      const field = c.plan.correction!.field;
      const result = await this.send<AbsenceCommandResult>(
        'reject_absence',
        at,
        new RejectAbsenceCommand(actor, c.absenceId, REJECTION_REASONS[field], c.version, this.key('reject', c.absenceId, c.version)),
      );
      if (!result) return;
      this.view.update(c, (x) => {
        x.status = 'rejected';
        x.pendingAttestation = false;
        x.version = result.version;
      });
      const [lo, hi] = this.params.attestation.correctAfterRejectionDays;
      const when = moment(round.day + r.int(lo, hi), r.between(8, 18));
      this.schedule(when, c.employeeId, `${c.absenceId}:fix-after-rejection`, () =>
        this.fixField(c, field, when.at, 'self', `Rättat efter chefens återkoppling: ${c.plan.correction!.reason}`),
      );
      return;
    }
    const attested = c.version;
    const result = await this.send<AbsenceCommandResult>('attest_absence', at, new AttestAbsenceCommand(actor, c.absenceId, attested, this.key('attest', c.absenceId, attested)));
    if (!result) return;
    const cutoff = instantOf(firstDayOfMonth(addMonths(monthOf(c.from), 1)) + this.params.attestation.cutoffDay, 0);
    if (at > cutoff) this.stats.attestationsAfterCutoff++;
    if (at - c.plan.report.at <= 7 * 86_400_000) this.stats.attestationsWithinWeek++;
    this.view.update(c, (x) => {
      x.attestedVersion = attested;
      x.pendingAttestation = false;
      x.status = x.withdrawn ? 'withdrawn' : 'attested';
      x.version = result.version;
    });
  }

  // ---------------------------------------------------------------- observations

  async observe(o: ObservationPlan): Promise<void> {
    const actor = actorOf(o.source === 'timeclock' ? this.params.actors.timeClock : this.params.actors.schedule);
    const body = { employeeId: o.employeeId, date: dateOf(o.date), kind: o.kind, source: o.source };
    await this.send('record_observation', o.at, new RecordObservationCommand(actor, body, this.key('observation', o.employeeId, body.date, o.kind, o.at)));
  }

  // ---------------------------------------------------------------- who

  private activeCases(employeeId: string): CaseView[] {
    return this.view.casesOf(employeeId).filter((c) => !c.withdrawn);
  }

  /** The actor of a command: the employee, a manager of their department (one who is at work if possible), or HR. */
  private actorFor(by: Who, employeeId: string, day: Day, caseDepartment?: string): Actor {
    const employee = this.org.employeeById.get(employeeId)!;
    if (by === 'manager') {
      const dept = this.view.departmentOn(employeeId, day) ?? caseDepartment;
      const managers = (dept ? this.org.departmentById.get(dept)?.managerIds ?? [] : []).filter((m) => m !== employeeId);
      const manager = managers.find((m) => !this.awayDays.get(m)?.has(day)) ?? managers[0];
      if (manager) return { sub: manager, roles: ['employee', 'manager'] };
      by = 'hr';
    }
    if (by === 'hr') return actorOf(this.params.actors.hr);
    return { sub: employeeId, roles: employee.managerOf ? ['employee', 'manager'] : ['employee'] };
  }
}

function fieldStillWrong(c: CaseView): boolean {
  const fix = c.plan.correction;
  if (!fix || c.plan.kind !== 'unplanned') return false;
  const t = c.plan.truth;
  switch (fix.field) {
    case 'extentPercent':
      return c.extentPercent !== t.extent;
    case 'from':
      return c.from !== t.from;
    case 'to':
      return c.to !== null && c.to !== t.to;
    case 'type':
      return c.type !== t.type;
  }
}

/** The Stockholm day of an instant. */
const dayOfInstant = (at: number): Day => dayOf(localDateOf(new Date(at)));

const actorOf = (a: { sub: string; roles: readonly string[] }): Actor => ({ sub: a.sub, roles: [...a.roles] });
