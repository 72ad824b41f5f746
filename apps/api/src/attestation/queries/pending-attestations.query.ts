import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AbsenceState, Actor, forbidden, hasRole } from '@ledger/domain';
import { ABSENCE_COLLECTION, PENDING_BY_DEPARTMENT } from '@ledger/projections';
import { MasterDataReader, ProjectionsService } from '@ledger/ledger';
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
  ) {}

  async execute({ actor, departmentId }: PendingAttestationsQuery): Promise<AbsenceView[]> {
    if (!hasRole(actor, 'hr')) {
      const department = await this.masterData.department(departmentId);
      if (!hasRole(actor, 'manager') || !department.managerIds.includes(actor.sub)) {
        throw forbidden(`only managers of department ${departmentId} and HR see its pending attestations`);
      }
    }
    const docs = await this.projections.readStore.list<AbsenceState>(
      this.projections.namespaceOf('absences'),
      ABSENCE_COLLECTION,
      { index: PENDING_BY_DEPARTMENT, value: departmentId },
    );
    return docs.map((d) => absenceView(d.value)).sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : 1));
  }
}
