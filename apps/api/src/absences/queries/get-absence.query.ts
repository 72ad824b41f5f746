import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor, absenceDecider, absenceStreamId, notFound, foldRecorded } from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { StreamIntegrity } from '@ledger/ledger';
import { AbsenceReadAccess, AbsenceView, absenceView } from '../absence-read-access';

/** One case, now or as it was known at `asOf`, folded from its own stream. */
export class GetAbsenceQuery {
  constructor(
    readonly actor: Actor,
    readonly absenceId: string,
    readonly asOf?: Date,
  ) {}
}

@QueryHandler(GetAbsenceQuery)
export class GetAbsenceHandler implements IQueryHandler<GetAbsenceQuery, AbsenceView> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly access: AbsenceReadAccess,
    private readonly integrity: StreamIntegrity,
  ) {}

  async execute({ actor, absenceId, asOf }: GetAbsenceQuery): Promise<AbsenceView> {
    const streamId = absenceStreamId(absenceId);
    let recorded = await this.events.readStream(streamId);
    await this.integrity.assertIntact(streamId, recorded);
    if (asOf) {
      const limit = asOf.getTime();
      recorded = recorded.filter((e) => Date.parse(e.metadata.recordedAt) <= limit);
    }
    const state = foldRecorded(absenceDecider, recorded);
    if (!state.exists) throw notFound(asOf ? `absence ${absenceId} did not exist at ${asOf.toISOString()}` : `absence ${absenceId} not found`);
    await this.access.authorize(actor, state.employeeId, [state.departmentId], {
      what: 'absence',
      absenceId,
      employeeId: state.employeeId,
      asOf: asOf?.toISOString() ?? null,
    });
    return absenceView(state);
  }
}
