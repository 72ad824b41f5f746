import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor, absenceDecider, absenceStreamId, notFound, foldRecorded } from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { StreamIntegrity } from '@ledger/ledger';
import { AbsenceReadAccess } from '../absence-read-access';
import { everHealthData } from './get-absence.query';

/** Every event of a case with who, when, and its place in the hash chain. */
export class AbsenceHistoryQuery {
  constructor(
    readonly actor: Actor,
    readonly absenceId: string,
  ) {}
}

export interface AbsenceHistory {
  absenceId: string;
  events: Array<{
    version: number;
    position: string;
    type: string;
    recordedAt: string;
    actor: { sub: string; roles: string[] };
    data: Record<string, unknown>;
    prevHash: string;
    hash: string;
  }>;
}

@QueryHandler(AbsenceHistoryQuery)
export class AbsenceHistoryHandler implements IQueryHandler<AbsenceHistoryQuery, AbsenceHistory> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly access: AbsenceReadAccess,
    private readonly integrity: StreamIntegrity,
  ) {}

  async execute({ actor, absenceId }: AbsenceHistoryQuery): Promise<AbsenceHistory> {
    const streamId = absenceStreamId(absenceId);
    const recorded = await this.events.readStream(streamId);
    await this.integrity.assertIntact(streamId, recorded);
    const state = foldRecorded(absenceDecider, recorded);
    if (!state.exists) throw notFound(`absence ${absenceId} not found`);
    await this.access.authorizeCase(actor, state, { what: 'history', asOf: null }, everHealthData(recorded));
    return {
      absenceId,
      events: recorded.map((e) => ({
        version: Number(e.revision),
        position: e.position.toString(),
        type: e.type,
        recordedAt: e.metadata.recordedAt,
        actor: e.metadata.actor,
        data: e.data,
        prevHash: e.metadata.prevHash,
        hash: e.metadata.hash,
      })),
    };
  }
}
