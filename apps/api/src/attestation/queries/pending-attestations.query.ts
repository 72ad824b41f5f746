import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AbsenceState, Actor, forbidden, hasRole, isHealthData, notFound } from '@ledger/domain';
import { ABSENCE_COLLECTION, PENDING_BY_DEPARTMENT } from '@ledger/projections';
import { AccessLog, MasterDataReader, ProjectionsService } from '@ledger/ledger';
import { AbsenceView, absenceView } from '../../absences/absence-read-access';

/** The cases of a department that wait for a manager's attestation (status reported, or a withdrawal to confirm). */
export class PendingAttestationsQuery {
  constructor(
    readonly actor: Actor,
    readonly departmentId: string,
  ) {}
}

@QueryHandler(PendingAttestationsQuery)
export class PendingAttestationsHandler implements IQueryHandler<PendingAttestationsQuery, AbsenceView[]> {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly masterData: MasterDataReader,
    private readonly accessLog: AccessLog,
  ) {}

  async execute({ actor, departmentId }: PendingAttestationsQuery): Promise<AbsenceView[]> {
    const department = await this.masterData.department(departmentId);
    if (!department.exists) throw notFound(`department ${departmentId} is not known to the ledger`);
    if (!hasRole(actor, 'hr')) {
      if (!hasRole(actor, 'manager') || !department.managerIds.includes(actor.sub)) {
        throw forbidden(`only managers of department ${departmentId} and HR see its pending attestations`);
      }
    }
    const docs = await this.projections.readStore.list<AbsenceState>(
      this.projections.namespaceOf('absences'),
      ABSENCE_COLLECTION,
      { index: PENDING_BY_DEPARTMENT, value: departmentId },
    );
    const cases = docs.map((d) => d.value);
    await this.accessLog.record(
      actor,
      cases.filter((c) => isHealthData(c.type)).map((c) => c.employeeId),
      { what: 'pending_attestations', absenceId: null, departmentId, asOf: null },
    );
    return cases.map(absenceView).sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : 1));
  }
}
