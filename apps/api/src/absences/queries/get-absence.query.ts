import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AbsenceType, Actor, absenceDecider, absenceStreamId, foldRecorded, isHealthData, notFound } from '@ledger/domain';
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
    const recorded = await this.events.readStream(streamId);
    await this.integrity.assertIntact(streamId, recorded);
    // Who may read is decided on the case as it stands now, so the answer is 403 whatever the asOf.
    const now = foldRecorded(absenceDecider, recorded);
    if (!now.exists) throw notFound(`absence ${absenceId} not found`);
    const known = asOf ? recorded.filter((e) => Date.parse(e.metadata.recordedAt) <= asOf.getTime()) : recorded;
    const state = asOf ? foldRecorded(absenceDecider, known) : now;
    await this.access.authorizeCase(actor, now, { what: 'absence', asOf: asOf?.toISOString() ?? null }, everHealthData(recorded));
    if (!state.exists) throw notFound(`absence ${absenceId} did not exist at ${asOf!.toISOString()}`);
    return absenceView(state);
  }
}

/** True when any version of the case was of a health-data type (a correction may have changed it). */
export function everHealthData(recorded: ReadonlyArray<{ data: Record<string, unknown> }>): boolean {
  return recorded.some((e) => typeof e.data.type === 'string' && isHealthData(e.data.type as AbsenceType));
}
