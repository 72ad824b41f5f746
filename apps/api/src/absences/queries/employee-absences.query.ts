import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AbsenceState, Actor, absenceDecider, absenceStreamId, foldRecorded } from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { ABSENCE_COLLECTION, BY_EMPLOYEE } from '@ledger/projections';
import { ProjectionsService, StreamIntegrity } from '@ledger/ledger';
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
  ) {}

  async execute({ actor, employeeId, from, to, asOf }: EmployeeAbsencesQuery): Promise<AbsenceView[]> {
    await this.access.authorize(actor, employeeId, [], {
      what: 'employee_absences',
      absenceId: null,
      employeeId,
      asOf: asOf?.toISOString() ?? null,
    });
    const docs = await this.projections.readStore.list<AbsenceState>(
      this.projections.namespaceOf('absences'),
      ABSENCE_COLLECTION,
      { index: BY_EMPLOYEE, value: employeeId },
    );
    let cases = docs.map((d) => d.value);
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
    return cases
      .filter((c) => c.exists && c.from <= to && (c.to === null || c.to >= from))
      .sort((a, b) => (a.from === b.from ? a.absenceId.localeCompare(b.absenceId) : a.from < b.from ? -1 : 1))
      .map(absenceView);
  }
}
