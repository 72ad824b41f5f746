import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import { IsoDate, isValidIsoDate, stockholmDateOf } from '../shared/dates';
import type { Decider, DomainEvent } from '../shared/decider';
import { forbidden, invalid, notFound, ruleBroken } from '../shared/errors';
import { Employment, employmentOnDate } from '../employee/employee.decider';
import { streamIds } from '../shared/stream-ids';

/**
 * Stream `observations-<employeeId>`: what a scheduling system, a time clock, staffing or a
 * manager saw of an employee on a day (observerad frånvaro / närvaro). An observation that
 * disagrees with the registered absence is a discrepancy (avvikelse) until the ledger agrees.
 */
const OBSERVATIONS_STREAMS = streamIds('observations-');
export const observationsStreamId = (employeeId: string): string => OBSERVATIONS_STREAMS.streamIdOf(employeeId);
/** The employeeId of a `observations-…` stream id. */
export const employeeIdOfObservationsStream = (streamId: string): string => OBSERVATIONS_STREAMS.idOf(streamId);

export const OBSERVATION_KINDS = ['absent', 'present'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

export const OBSERVATION_SOURCES = ['schedule', 'timeclock', 'manager', 'staffing'] as const;
export type ObservationSource = (typeof OBSERVATION_SOURCES)[number];

export const OBSERVATION_LIMITS = {
  noteMaxLength: 500,
  earliestDate: '2000-01-01',
};

/** One observation; a later one for the same employee and date replaces it in the discrepancy list. */
export type ObservationRecorded = DomainEvent<
  'ObservationRecorded',
  { employeeId: string; date: IsoDate; kind: ObservationKind; source: ObservationSource; note: string | null }
>;
export type ObservationEvent = ObservationRecorded;
export const OBSERVATION_EVENT_TYPES: ReadonlyArray<ObservationEvent['type']> = ['ObservationRecorded'];

export interface RecordObservation {
  employeeId: string;
  date: IsoDate;
  kind: ObservationKind;
  source: ObservationSource;
  note: string | null;
}

export interface ObservationsState {
  exists: boolean;
  employeeId: string;
  /** Stream revision after the last event, 0-based; -1 before the first. */
  version: number;
  /** How many observations the stream holds. */
  observations: number;
  /** recordedAt of the latest observation; '' before the first. */
  lastRecordedAt: string;
}

export interface ObservationContext {
  now: Date;
  actor: Actor;
  /** The employee's employment history; undefined when the employee is unknown. */
  employments: readonly Employment[] | undefined;
  /** managerIds of the departments the employee belongs to (on the day observed, and today). */
  managersByDepartment: Readonly<Record<string, readonly string[]>>;
}

export const observationDecider: Decider<RecordObservation, ObservationsState, ObservationEvent, ObservationContext> = {
  initialState: { exists: false, employeeId: '', version: -1, observations: 0, lastRecordedAt: '' },

  decide(c, _state, ctx) {
    if (!isValidIsoDate(c.date)) throw invalid('date', 'must be a calendar date YYYY-MM-DD');
    if (!OBSERVATION_KINDS.includes(c.kind)) throw invalid('kind', `must be one of ${OBSERVATION_KINDS.join(', ')}`);
    if (!OBSERVATION_SOURCES.includes(c.source)) throw invalid('source', `must be one of ${OBSERVATION_SOURCES.join(', ')}`);
    if (c.note !== null && c.note.length > OBSERVATION_LIMITS.noteMaxLength) {
      throw invalid('note', `must be at most ${OBSERVATION_LIMITS.noteMaxLength} characters`);
    }
    if (!ctx.employments || ctx.employments.length === 0) throw notFound(`employee ${c.employeeId} is not known to the ledger`);
    const today = stockholmDateOf(ctx.now);
    authorizeObserver(ctx, [employmentOnDate(ctx.employments, c.date)?.departmentId, employmentOnDate(ctx.employments, today)?.departmentId]);
    if (c.date < OBSERVATION_LIMITS.earliestDate) throw invalid('date', `must not be before ${OBSERVATION_LIMITS.earliestDate}`);
    // An observation is of something seen: a day that has begun (Stockholm time).
    if (c.date > today) throw ruleBroken('date', `an observation is of a day that has begun; ${c.date} is after today (${today})`);
    return [{ type: 'ObservationRecorded', data: { employeeId: c.employeeId, date: c.date, kind: c.kind, source: c.source, note: c.note } }];
  },

  // The stream can grow by one event per working day (a time clock), so the state stays small:
  // which observation wins per date is the statistics projection's business.
  evolve(state, event, meta) {
    return {
      exists: true,
      employeeId: event.data.employeeId,
      version: meta.revision,
      observations: state.observations + 1,
      lastRecordedAt: meta.recordedAt,
    };
  },
};

/** HR, an integration, or a manager of the employee's department (on the day observed, or today). */
function authorizeObserver(ctx: ObservationContext, departments: Array<string | undefined>): void {
  const { actor } = ctx;
  if (hasRole(actor, 'hr', 'integration')) return;
  if (hasRole(actor, 'manager') && departments.some((d) => d && ctx.managersByDepartment[d]?.includes(actor.sub))) return;
  throw forbidden('observations come from HR, integrations, or a manager of the employee’s department');
}
