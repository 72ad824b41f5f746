import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AbsenceState, Actor, absenceDecider, absenceStreamId, foldRecorded, notFound } from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { ABSENCE_COLLECTION, BY_EMPLOYEE } from '@ledger/projections';
import { MasterDataReader, ProjectionsService, StreamIntegrity } from '@ledger/ledger';
import { AbsenceReadAccess, AbsenceView, absenceView } from '../absence-read-access';

/** An employee's cases that overlap [from, to], as registered now or as known at `asOf`. */
export class EmployeeAbsencesQuery {
  constructor(
    readonly actor: Actor,
    readonly employeeId: string,
    readonly from: string,
    readonly to: string,
    readonly asOf?: Date,
  ) {}
}

@QueryHandler(EmployeeAbsencesQuery)
export class EmployeeAbsencesHandler implements IQueryHandler<EmployeeAbsencesQuery, AbsenceView[]> {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly access: AbsenceReadAccess,
    private readonly integrity: StreamIntegrity,
    private readonly masterData: MasterDataReader,
  ) {}

  async execute({ actor, employeeId, from, to, asOf }: EmployeeAbsencesQuery): Promise<AbsenceView[]> {
    if (!(await this.masterData.employee(employeeId)).exists) throw notFound(`employee ${employeeId} not found`);
    const mayRead = await this.access.listScope(actor, employeeId);
    const docs = await this.projections.readStore.list<AbsenceState>(
      this.projections.namespaceOf('absences'),
      ABSENCE_COLLECTION,
      { index: BY_EMPLOYEE, value: employeeId },
    );
    // Each case is shown to whom may read it as it stands now (its own department), whatever the asOf.
    let cases: AbsenceState[] = [];
    for (const d of docs) if (await mayRead(d.value)) cases.push(d.value);
    if (asOf) {
      // The projection says which cases the employee has; each is folded as known at asOf.
      const limit = asOf.getTime();
      cases = await Promise.all(
        cases.map(async (c) => {
          const streamId = absenceStreamId(c.absenceId);
          const recorded = await this.events.readStream(streamId);
          await this.integrity.assertIntact(streamId, recorded);
          return foldRecorded(
            absenceDecider,
            recorded.filter((e) => Date.parse(e.metadata.recordedAt) <= limit),
          );
        }),
      );
    }
    const shown = cases
      .filter((c) => c.exists && c.from <= to && (c.to === null || c.to >= from))
      .sort((a, b) => (a.from === b.from ? a.absenceId.localeCompare(b.absenceId) : a.from < b.from ? -1 : 1));
    await this.access.recordList(actor, shown, { what: 'employee_absences', absenceId: null, departmentId: null, asOf: asOf?.toISOString() ?? null });
    return shown.map(absenceView);
  }
}
