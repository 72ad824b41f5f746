import { Injectable } from '@nestjs/common';
import { AbsenceState, Actor, forbidden, hasRole, HealthDataReadKind, isHealthData, RecordHealthDataRead } from '@ledger/domain';
import { AccessLog, DepartmentScope, MasterDataReader } from '@ledger/ledger';

/**
 * Who may read an absence case: the employee themself, HR and auditors, and the managers of the
 * case's own department or of a department above it. A manager of another department the employee
 * belongs to (or belonged to) does not see the case. Every read of someone else's health data is
 * recorded in the access log before it is answered, whatever the reader's roles.
 */
@Injectable()
export class AbsenceReadAccess {
  constructor(
    private readonly masterData: MasterDataReader,
    private readonly accessLog: AccessLog,
    private readonly scope: DepartmentScope,
  ) {}

  /** True when the actor may read cases of this department: its manager or today's substitute, or a manager of a department above it. */
  managesDepartment(actor: Actor, departmentId: string): Promise<boolean> {
    return this.scope.actsAsManagerOfOrAbove(actor, departmentId);
  }

  /** May the actor read this case? (Decided on the case as it stands now, whatever `asOf` a read asks for.) */
  async mayRead(actor: Actor, state: Pick<AbsenceState, 'employeeId' | 'departmentId'>): Promise<boolean> {
    if (actor.sub === state.employeeId && hasRole(actor, 'employee', 'manager')) return true;
    if (hasRole(actor, 'hr', 'auditor')) return true;
    return this.managesDepartment(actor, state.departmentId);
  }

  /** 403 unless the actor may read the case; then records the read when it is someone else's health data. */
  async authorizeCase(actor: Actor, state: AbsenceState, read: { what: HealthDataReadKind; asOf: string | null }, healthData: boolean): Promise<void> {
    if (!(await this.mayRead(actor, state))) throw forbidden('you may read only your own absence, or that of staff in departments you manage');
    if (healthData) await this.accessLog.record(actor, [state.employeeId], { what: read.what, absenceId: state.absenceId, departmentId: state.departmentId, asOf: read.asOf });
  }

  /**
   * For a list of one employee's cases: 403 unless the actor is the employee, HR, an auditor, or a
   * manager of a department the employee belongs or belonged to (or one above it). Answers the
   * filter that keeps the cases the actor may read one by one.
   */
  async listScope(actor: Actor, employeeId: string): Promise<(c: Pick<AbsenceState, 'employeeId' | 'departmentId'>) => Promise<boolean>> {
    if ((actor.sub === employeeId && hasRole(actor, 'employee', 'manager')) || hasRole(actor, 'hr', 'auditor')) return async () => true;
    const employee = await this.masterData.employee(employeeId);
    const departments = [...new Set(employee.employments.map((e) => e.departmentId))];
    for (const d of departments) {
      if (await this.managesDepartment(actor, d)) return (c) => this.managesDepartment(actor, c.departmentId);
    }
    throw forbidden("you may read only your own absence, or that of staff in departments you manage");
  }

  /** Records a read of the listed cases' health data (each person once; own data left out). */
  async recordList(actor: Actor, cases: ReadonlyArray<Pick<AbsenceState, 'employeeId' | 'type'>>, read: Omit<RecordHealthDataRead, 'employeeId'>): Promise<void> {
    const subjects = cases.filter((c) => isHealthData(c.type)).map((c) => c.employeeId);
    if (subjects.length > 0) await this.accessLog.record(actor, subjects, read);
  }
}

/** The case as docs/http-api.md "Absence queries" shows it. */
export function absenceView(s: AbsenceState) {
  return {
    absenceId: s.absenceId,
    employeeId: s.employeeId,
    departmentId: s.departmentId,
    type: s.type,
    from: s.from,
    to: s.to,
    extentPercent: s.extentPercent,
    status: s.status,
    version: s.version,
    reportedAt: s.reportedAt,
    employerNotifiedAt: s.employerNotifiedAt || s.reportedAt,
    preventedFromReporting: s.preventedFromReporting ?? false,
    attestedVersion: s.attestedVersion,
    attestedBy: s.attestedBy,
    attestedAt: s.attestedAt,
    attestedAs: s.attestedAs ?? null,
    rejectionReason: s.rejectionReason ?? null,
    channel: s.channel,
    returnReportedAt: s.returnReportedAt,
    medicalCertificates: s.medicalCertificates.map((m) => ({ from: m.from, to: m.to, extentPercent: m.extentPercent })),
  };
}
export type AbsenceView = ReturnType<typeof absenceView>;
