import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor, absenceStreamId, employeeStreamId, forbidden, hasRole, notFound, personalDataDecider, personalDataStreamId } from '@ledger/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@ledger/event-store';
import { BY_RECIPIENT, INBOX_COLLECTION, NOTIFICATIONS_PROJECTION_NAME, NotificationView } from '@ledger/projections';
import { AccessLog, CLOCK, Clock, EmployeeAbsenceIndex, MasterDataReader, ProjectionsService, foldRecorded } from '@ledger/ledger';
import { ACCESS_LOG_SOURCE, AccessLogSource } from './access-log-source';

export class PersonalDataCopyQuery {
  constructor(
    readonly actor: Actor,
    readonly employeeId: string,
  ) {}
}

export interface HistoryEntry {
  version: number;
  position: string;
  type: string;
  recordedAt: string;
  actor: { sub: string; roles: string[] };
  data: Record<string, unknown>;
}

/** Most reminders and cases one copy lists; a person with more gets them in pages of their own queries. */
const MAX_ITEMS = 10_000;

const history = (events: readonly RecordedEvent[]): HistoryEntry[] =>
  events.map((e) => ({
    version: Number(e.revision),
    position: e.position.toString(),
    type: e.type,
    recordedAt: e.metadata.recordedAt,
    actor: { sub: e.metadata.actor.sub, roles: [...e.metadata.actor.roles] },
    data: e.data,
  }));

/**
 * A person's own copy (registerutdrag, GDPR art. 15): everything the ledger holds about them,
 * straight from their streams and read models. Sealed fields are opened on the way out like in
 * every answer; after an erasure they read as null, and the copy says so.
 */
@QueryHandler(PersonalDataCopyQuery)
export class PersonalDataCopyHandler implements IQueryHandler<PersonalDataCopyQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly masterData: MasterDataReader,
    private readonly absences: EmployeeAbsenceIndex,
    private readonly projections: ProjectionsService,
    @Inject(ACCESS_LOG_SOURCE) private readonly accessLog: AccessLogSource,
    private readonly accessLogWriter: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, employeeId }: PersonalDataCopyQuery) {
    if (actor.sub !== employeeId && !hasRole(actor, 'hr')) throw forbidden('you may fetch only your own copy (HR may fetch anyone’s)');
    const employee = await this.masterData.employee(employeeId);
    if (!employee.exists) throw notFound(`employee ${employeeId} not found`);
    // HR reading someone's copy reads their health data: recorded before anything is answered.
    await this.accessLogWriter.record(actor, [employeeId], { what: 'personal_data_copy', absenceId: null, departmentId: null, asOf: null });
    const employeeEvents = await this.events.readStream(employeeStreamId(employeeId));
    const erasureEvents = await this.events.readStream(personalDataStreamId(employeeId));
    const erasure = foldRecorded(personalDataDecider, erasureEvents);
    const latest = [...employeeEvents].reverse().find((e) => e.type === 'EmploymentRecorded')?.data ?? {};
    const cases = (await this.absences.casesOf(employeeId)).slice(0, MAX_ITEMS);
    const withHistory = [];
    for (const c of cases) withHistory.push({ ...c, history: history(await this.events.readStream(absenceStreamId(c.absenceId))) });
    const reminders = await this.projections.readStore.list<NotificationView>(
      this.projections.namespaceOf(NOTIFICATIONS_PROJECTION_NAME),
      INBOX_COLLECTION,
      { index: BY_RECIPIENT, value: employeeId },
      { limit: MAX_ITEMS },
    );
    return {
      employeeId,
      generatedAt: this.clock.now().toISOString(),
      erasure: { erased: erasure.erased, erasedAt: erasure.erasedAt, retentionApplied: erasure.retained, history: history(erasureEvents) },
      masterData: {
        employeeId,
        name: latest.name ?? null,
        email: latest.email ?? null,
        personalIdentityNumber: latest.personalIdentityNumber ?? null,
        gender: employee.gender,
        birthYear: employee.birthYear,
        employments: employee.employments,
        history: history(employeeEvents),
      },
      cases: withHistory,
      reminders: reminders.map((d) => d.value),
      accessLog: await this.accessLog.readsOf(employeeId),
    };
  }
}
