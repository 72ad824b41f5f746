import { Injectable } from '@nestjs/common';
import { AbsenceState, Actor, auditedReadDecider, auditedReadsStreamId, forbidden, hasRole, RecordAuditedRead } from '@ledger/domain';
import { CommandPipeline, DepartmentScope, MasterDataReader } from '@ledger/ledger';

/**
 * Who may read an employee's absence: the employee, a manager of a department the employee or the
 * case belongs to, HR and auditors. An auditor's read of someone else's absence is recorded.
 */
@Injectable()
export class AbsenceReadAccess {
  constructor(
    private readonly masterData: MasterDataReader,
    private readonly pipeline: CommandPipeline,
    private readonly scope: DepartmentScope,
  ) {}

  async authorize(actor: Actor, employeeId: string, caseDepartments: string[], read: RecordAuditedRead): Promise<void> {
    if (actor.sub === employeeId && hasRole(actor, 'employee', 'manager')) return;
    if (hasRole(actor, 'hr')) return;
    if (hasRole(actor, 'auditor')) {
      await this.pipeline.run({
        name: 'record_audited_read',
        streamId: auditedReadsStreamId(actor.sub),
        decider: auditedReadDecider,
        command: read,
        actor,
        context: async () => ({ actor }),
      });
      return;
    }
    if (hasRole(actor, 'manager')) {
      const employee = await this.masterData.employee(employeeId);
      const departments = [...caseDepartments, ...employee.employments.map((e) => e.departmentId)];
      const managers = await this.masterData.managersOf(departments);
      if (Object.values(managers).some((m) => m.includes(actor.sub))) return;
      // A substitute within the span, and the managers above, who attest what comes up to them.
      for (const d of caseDepartments) if (await this.scope.actsAsManagerOfOrAbove(actor, d)) return;
    }
    throw forbidden("you may read only your own absence, or that of staff in departments you manage");
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
