import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import { addDaysTo, IsoDate, stockholmDateOf } from '../shared/dates';
import type { Decider, EventMeta } from '../shared/decider';
import { conflict, forbidden, invalid, notFound, ruleBroken } from '../shared/errors';
import { Employment, employmentOnDate } from '../employee/employee.decider';
import { AbsenceType, Channel, OPEN_ENDED_TYPES, SHORT_NOTICE_TYPES } from './absence-types';
import type { AbsenceCorrected, AbsenceEvent, AbsenceReported } from './absence.events';
import { ActiveAbsence, overExtentConflicts } from './extent-overlap';
import { AttesterCapacity, DepartmentLink, whoAttests } from '../attestation/who-attests';

// ---------------------------------------------------------------- commands

export interface ReportAbsence {
  kind: 'report';
  absenceId: string;
  employeeId: string;
  type: AbsenceType;
  from: IsoDate;
  to: IsoDate | null;
  extentPercent: number;
  channel: Channel | null;
  comment: string | null;
  /** SjLL 8 §: when the employee told the employer; only a manager or HR registering a phone report may state it. */
  employerNotifiedAt?: string;
}
/** Friskanmälan. */
export interface ReportReturn {
  kind: 'return';
  lastDay: IsoDate;
}
export interface CorrectAbsence {
  kind: 'correct';
  type?: AbsenceType;
  from?: IsoDate;
  to?: IsoDate;
  extentPercent?: number;
  /** A corrected notification time (manager or HR only). */
  employerNotifiedAt?: string;
  reason: string;
  expectedVersion?: number;
}
export interface WithdrawAbsence {
  kind: 'withdraw';
  reason: string;
  expectedVersion?: number;
}
export interface AttestAbsence {
  kind: 'attest';
  expectedVersion: number;
  /** SjLL 8 §: the employee was prevented from reporting and reported as soon as the hindrance ended. */
  preventedFromReporting?: boolean;
}
export interface RejectAbsence {
  kind: 'reject';
  reason: string;
  expectedVersion?: number;
}
export interface RegisterMedicalCertificate {
  kind: 'medical_certificate';
  from: IsoDate;
  to: IsoDate;
  extentPercent: number;
}
export type AbsenceCommand =
  | ReportAbsence
  | ReportReturn
  | CorrectAbsence
  | WithdrawAbsence
  | AttestAbsence
  | RejectAbsence
  | RegisterMedicalCertificate;

// ---------------------------------------------------------------- state

export type AbsenceStatus = 'reported' | 'attested' | 'rejected' | 'withdrawn';

export interface AbsenceState {
  exists: boolean;
  absenceId: string;
  employeeId: string;
  departmentId: string;
  type: AbsenceType;
  from: IsoDate;
  to: IsoDate | null;
  extentPercent: number;
  channel: Channel | null;
  status: AbsenceStatus;
  withdrawn: boolean;
  /** Stream revision after the last event, 0-based; -1 before the first. */
  version: number;
  reportedAt: string;
  reportedBy: string;
  /** SjLL 8 §: when the employer was notified (the recording time unless a manager or HR stated another). */
  employerNotifiedAt: string;
  /** The latest attestation found the employee prevented from reporting (SjLL 8 §). */
  preventedFromReporting: boolean;
  attestedVersion: number | null;
  attestedBy: string | null;
  attestedAt: string | null;
  /** The capacity the last attestation was made in; null before one, or for attestations recorded before capacities were. */
  attestedAs: AttesterCapacity | null;
  /** Why the case was returned for correction, while it is. */
  rejectionReason: string | null;
  /** The current version holds facts (or a withdrawal of attested facts) that no manager has attested yet. */
  pendingAttestation: boolean;
  returnReportedAt: string | null;
  /** Each with the time it was recorded (`recordedAt`), which tells when a long absence became known. */
  medicalCertificates: Array<{ from: IsoDate; to: IsoDate; extentPercent: number; recordedAt?: string }>;
}

// ---------------------------------------------------------------- context

/** What the command handler read from other streams, and the clock. */
export interface AbsenceContext {
  now: Date;
  actor: Actor;
  /** The employee's employment history; undefined when the employee is unknown. */
  employments: readonly Employment[] | undefined;
  /** managerIds of every department the rules may ask about (the case's and the employee's current). */
  managersByDepartment: Readonly<Record<string, readonly string[]>>;
  /** The employee's other absences that are not withdrawn. */
  otherActiveAbsences: readonly ActiveAbsence[];
  /**
   * For attestation and rejection: the case's department and the departments above it, nearest
   * first, with managers and substitutes. When absent, only the managers of the case's own
   * department (from managersByDepartment) attest.
   */
  attestingChain?: readonly DepartmentLink[];
}

/** Rules on dates and lengths (docs/http-api.md "Absence commands"). */
export const ABSENCE_LIMITS = {
  /** Sick leave and VAB may start at most this many days ahead. */
  shortNoticeDaysAhead: 1,
  /** Other absences (vacation, leave) may be planned this far ahead. */
  plannedDaysAhead: 730,
  earliestDate: '2000-01-01',
  /** Longest absence one case may span. */
  maxSpanDays: 3660,
  /** A stated notification time may lie at most this many days before the first absence day. */
  notifiedBeforeFromDays: 366,
};

// ---------------------------------------------------------------- decider

export const absenceDecider: Decider<AbsenceCommand, AbsenceState, AbsenceEvent, AbsenceContext> = {
  initialState: {
    exists: false,
    absenceId: '',
    employeeId: '',
    departmentId: '',
    type: 'sick',
    from: '',
    to: null,
    extentPercent: 100,
    channel: null,
    status: 'reported',
    withdrawn: false,
    version: -1,
    reportedAt: '',
    reportedBy: '',
    employerNotifiedAt: '',
    preventedFromReporting: false,
    attestedVersion: null,
    attestedBy: null,
    attestedAt: null,
    attestedAs: null,
    rejectionReason: null,
    pendingAttestation: false,
    returnReportedAt: null,
    medicalCertificates: [],
  },

  decide(command, state, ctx) {
    switch (command.kind) {
      case 'report':
        return report(command, state, ctx);
      case 'return':
        return reportReturn(command, state, ctx);
      case 'correct':
        return correct(command, state, ctx);
      case 'withdraw':
        return withdraw(command, state, ctx);
      case 'attest':
        return attest(command, state, ctx);
      case 'reject':
        return reject(command, state, ctx);
      case 'medical_certificate':
        return registerMedicalCertificate(command, state, ctx);
    }
  },

  evolve(state, event, meta: EventMeta): AbsenceState {
    const next = { ...state, version: meta.revision };
    switch (event.type) {
      case 'AbsenceReported': {
        const { employerNotifiedAt, ...data } = event.data;
        return {
          ...next,
          exists: true,
          ...data,
          status: 'reported',
          pendingAttestation: true,
          reportedAt: meta.recordedAt,
          reportedBy: meta.actor.sub,
          employerNotifiedAt: employerNotifiedAt ?? meta.recordedAt,
        };
      }
      case 'ReturnReported':
        return reopened({ ...next, to: event.data.lastDay, returnReportedAt: meta.recordedAt });
      case 'AbsenceCorrected': {
        const { reason: _reason, ...changes } = event.data;
        return reopened({ ...next, ...changes });
      }
      case 'AbsenceWithdrawn':
        // Only a withdrawal of attested facts has anything for payroll to undo.
        return { ...next, withdrawn: true, status: 'withdrawn', pendingAttestation: state.attestedVersion !== null };
      case 'AbsenceAttested':
        return {
          ...next,
          status: state.withdrawn ? 'withdrawn' : 'attested',
          pendingAttestation: false,
          attestedVersion: event.data.attestedVersion,
          preventedFromReporting: event.data.preventedFromReporting === true,
          attestedBy: meta.actor.sub,
          attestedAt: meta.recordedAt,
          attestedAs: event.data.capacity ?? null,
        };
      case 'AbsenceRejected':
        return { ...next, status: 'rejected', pendingAttestation: false, rejectionReason: event.data.reason };
      case 'MedicalCertificateRegistered':
        return { ...next, medicalCertificates: [...state.medicalCertificates, { ...event.data, recordedAt: meta.recordedAt }] };
    }
  },
};

/** A change of the facts makes the case `reported` again: it needs a new attestation. */
function reopened(state: AbsenceState): AbsenceState {
  return { ...state, status: state.withdrawn ? 'withdrawn' : 'reported', pendingAttestation: true, rejectionReason: null };
}

/** True when the case's current version still waits for a manager's attestation. */
export function awaitsAttestation(state: AbsenceState): boolean {
  return state.exists && state.pendingAttestation;
}

// ---------------------------------------------------------------- the commands

function report(c: ReportAbsence, state: AbsenceState, ctx: AbsenceContext): AbsenceEvent[] {
  if (state.exists) throw conflict(`absence ${c.absenceId} already exists`);
  if (!ctx.employments || ctx.employments.length === 0) throw notFound(`employee ${c.employeeId} is not known to the ledger`);
  const departmentId = employmentOnDate(ctx.employments, c.from)!.departmentId;
  authorizeReporter(ctx, c.employeeId, [departmentId, currentDepartment(ctx)]);
  checkPeriod(c.type, c.from, c.to, ctx.now);
  if (c.employerNotifiedAt !== undefined) checkNotifiedAt(c.employerNotifiedAt, c.employeeId, c.from, ctx);
  checkExtent(c, ctx);
  const data: AbsenceReported['data'] = {
    absenceId: c.absenceId,
    employeeId: c.employeeId,
    departmentId,
    type: c.type,
    from: c.from,
    to: c.to,
    extentPercent: c.extentPercent,
    channel: c.channel,
    comment: c.comment,
  };
  if (c.employerNotifiedAt !== undefined) data.employerNotifiedAt = new Date(c.employerNotifiedAt).toISOString();
  return [{ type: 'AbsenceReported', data }];
}

/**
 * SjLL 8 §: a stated notification time comes from a manager or HR registering a report made by
 * phone, never from the employee themself (403); it lies neither in the future nor more than a
 * year before the first absence day, when the case could not have been known (422).
 */
function checkNotifiedAt(at: string, employeeId: string, from: IsoDate, ctx: AbsenceContext): void {
  const { actor } = ctx;
  const statesForOther = hasRole(actor, 'hr') || (hasRole(actor, 'manager') && actor.sub !== employeeId);
  if (!statesForOther) throw forbidden('employerNotifiedAt is stated by a manager or HR registering a report on the employee’s behalf');
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) throw invalid('employerNotifiedAt', 'must be an RFC 3339 timestamp');
  if (ms > ctx.now.getTime()) throw ruleBroken('employerNotifiedAt', 'must not be in the future');
  if (stockholmDateOf(new Date(ms)) < addDaysTo(from, -ABSENCE_LIMITS.notifiedBeforeFromDays)) {
    throw ruleBroken('employerNotifiedAt', `must not be more than ${ABSENCE_LIMITS.notifiedBeforeFromDays} days before the first absence day`);
  }
}

function reportReturn(c: ReportReturn, state: AbsenceState, ctx: AbsenceContext): AbsenceEvent[] {
  requireCase(state);
  authorizeReporter(ctx, state.employeeId, [state.departmentId, currentDepartment(ctx)]);
  requireNotWithdrawn(state);
  if (state.to !== null) throw conflict(`absence ${state.absenceId} already has a last day (${state.to}); correct it instead`);
  if (c.lastDay < state.from) throw invalid('lastDay', `must not be before the first absence day ${state.from}`);
  const latest = addDaysTo(stockholmDateOf(ctx.now), ABSENCE_LIMITS.shortNoticeDaysAhead);
  if (c.lastDay > latest) throw ruleBroken('lastDay', `a return can be reported at most ${ABSENCE_LIMITS.shortNoticeDaysAhead} day ahead`);
  return [{ type: 'ReturnReported', data: { lastDay: c.lastDay } }];
}

function correct(c: CorrectAbsence, state: AbsenceState, ctx: AbsenceContext): AbsenceEvent[] {
  requireCase(state);
  authorizeReporter(ctx, state.employeeId, [state.departmentId, currentDepartment(ctx)]);
  requireNotWithdrawn(state);
  requireVersion(state, c.expectedVersion);
  const changes: AbsenceCorrected['data'] = { reason: c.reason };
  if (c.type !== undefined && c.type !== state.type) changes.type = c.type;
  if (c.from !== undefined && c.from !== state.from) changes.from = c.from;
  if (c.to !== undefined && c.to !== state.to) changes.to = c.to;
  if (c.extentPercent !== undefined && c.extentPercent !== state.extentPercent) changes.extentPercent = c.extentPercent;
  if (c.employerNotifiedAt !== undefined) {
    checkNotifiedAt(c.employerNotifiedAt, state.employeeId, c.from ?? state.from, ctx);
    const at = new Date(c.employerNotifiedAt).toISOString();
    if (at !== state.employerNotifiedAt) changes.employerNotifiedAt = at;
  }
  if (Object.keys(changes).length === 1) {
    throw ruleBroken('type', 'the correction changes nothing: give at least one of type, from, to, extentPercent, employerNotifiedAt that differs');
  }
  const type = changes.type ?? state.type;
  const from = changes.from ?? state.from;
  const to = changes.to ?? state.to;
  const extentPercent = changes.extentPercent ?? state.extentPercent;
  // The notice rule binds again whenever the start or the type changes.
  checkPeriod(type, from, to, ctx.now, changes.from === undefined && changes.type === undefined);
  if (changes.from !== undefined && ctx.employments && ctx.employments.length > 0) {
    const departmentId = employmentOnDate(ctx.employments, from)!.departmentId;
    if (departmentId !== state.departmentId) changes.departmentId = departmentId;
  }
  checkExtent({ absenceId: state.absenceId, from, to, extentPercent }, ctx);
  return [{ type: 'AbsenceCorrected', data: changes }];
}

function withdraw(c: WithdrawAbsence, state: AbsenceState, ctx: AbsenceContext): AbsenceEvent[] {
  requireCase(state);
  authorizeReporter(ctx, state.employeeId, [state.departmentId, currentDepartment(ctx)]);
  requireNotWithdrawn(state);
  requireVersion(state, c.expectedVersion);
  return [{ type: 'AbsenceWithdrawn', data: { reason: c.reason } }];
}

function attest(c: AttestAbsence, state: AbsenceState, ctx: AbsenceContext): AbsenceEvent[] {
  requireCase(state);
  const capacity = authorizeAttester(state, ctx);
  requireVersion(state, c.expectedVersion);
  if (state.status === 'rejected') throw conflict('a rejected case must be corrected before it can be attested');
  if (state.withdrawn && state.attestedVersion === null) {
    throw conflict('the case was withdrawn before any attestation: there is nothing to attest');
  }
  if (!state.pendingAttestation) throw conflict(`the case is already attested (version ${state.attestedVersion})`);
  return [
    {
      type: 'AbsenceAttested',
      data: c.preventedFromReporting === true ? { attestedVersion: state.version, capacity, preventedFromReporting: true } : { attestedVersion: state.version, capacity },
    },
  ];
}

function reject(c: RejectAbsence, state: AbsenceState, ctx: AbsenceContext): AbsenceEvent[] {
  requireCase(state);
  const capacity = authorizeAttester(state, ctx);
  requireVersion(state, c.expectedVersion);
  if (state.withdrawn) throw conflict('a withdrawn case cannot be returned for correction');
  if (state.status === 'rejected') throw conflict('the case is already returned for correction');
  if (state.status === 'attested') throw conflict(`version ${state.version} is attested; a change must come first`);
  return [{ type: 'AbsenceRejected', data: { rejectedVersion: state.version, reason: c.reason, capacity } }];
}

function registerMedicalCertificate(
  c: RegisterMedicalCertificate,
  state: AbsenceState,
  ctx: AbsenceContext,
): AbsenceEvent[] {
  requireCase(state);
  authorizeReporter(ctx, state.employeeId, [state.departmentId, currentDepartment(ctx)]);
  requireNotWithdrawn(state);
  if (state.type !== 'sick' && state.type !== 'work_injury') {
    throw ruleBroken('from', `a medical certificate belongs to sick leave or work injury, not ${state.type}`);
  }
  if (c.to < c.from) throw invalid('to', 'must not be before from');
  return [{ type: 'MedicalCertificateRegistered', data: { from: c.from, to: c.to, extentPercent: c.extentPercent } }];
}

// ---------------------------------------------------------------- rules shared by the commands

function requireCase(state: AbsenceState): void {
  if (!state.exists) throw notFound('absence not found');
}

function requireNotWithdrawn(state: AbsenceState): void {
  if (state.withdrawn) throw conflict(`absence ${state.absenceId} is withdrawn`);
}

function requireVersion(state: AbsenceState, expected: number | undefined): void {
  if (expected !== undefined && expected !== state.version) {
    throw conflict(`expectedVersion ${expected} does not match the current version ${state.version}`, {
      currentVersion: state.version,
    });
  }
}

/**
 * Whether the actor may run this command on the case as it stands, checked as decide checks it. A
 * replay (the same absenceId or Idempotency-Key again) is answered only after this passes, so a
 * caller who may not act on the case learns nothing from a replay, whatever the body.
 */
export function authorizeAbsenceCommand(command: AbsenceCommand, state: AbsenceState, ctx: AbsenceContext): void {
  switch (command.kind) {
    case 'attest':
    case 'reject':
      authorizeAttester(state, ctx);
      return;
    case 'report':
      if (!state.exists) return authorizeReporter(ctx, command.employeeId, [currentDepartment(ctx)]);
      return authorizeReporter(ctx, state.employeeId, [state.departmentId, currentDepartment(ctx)]);
    default:
      return authorizeReporter(ctx, state.employeeId, [state.departmentId, currentDepartment(ctx)]);
  }
}

/** The department the employee belongs to today (a transfer that has not started yet does not count). */
function currentDepartment(ctx: AbsenceContext): string | undefined {
  const e = ctx.employments;
  return e && e.length > 0 ? employmentOnDate(e, stockholmDateOf(ctx.now))?.departmentId : undefined;
}

/** The employee themself, a manager of the employee's department, or HR. */
function authorizeReporter(ctx: AbsenceContext, employeeId: string, departments: Array<string | undefined>): void {
  const { actor } = ctx;
  if (hasRole(actor, 'hr')) return;
  if (hasRole(actor, 'employee', 'manager') && actor.sub === employeeId) return;
  if (hasRole(actor, 'manager') && departments.some((d) => d && ctx.managersByDepartment[d]?.includes(actor.sub))) return;
  throw forbidden('you may report only your own absence, or that of staff in departments you manage');
}

/**
 * Beslutsattest (DESIGN.md §4, see whoAttests): a manager of the case's department, a substitute
 * appointed for it that day, or else a manager of the nearest department above; never for one's
 * own absence. A substitute's token carries the manager role too. Returns the capacity.
 */
function authorizeAttester(state: AbsenceState, ctx: AbsenceContext): AttesterCapacity {
  const { actor } = ctx;
  if (!hasRole(actor, 'manager')) throw forbidden('only a manager attests');
  if (actor.sub === state.employeeId) throw forbidden('a manager never attests their own absence');
  const chain = ctx.attestingChain ?? [
    { departmentId: state.departmentId, managerIds: ctx.managersByDepartment[state.departmentId] ?? [], substitutes: [] },
  ];
  const who = whoAttests(state.employeeId, chain, stockholmDateOf(ctx.now));
  const me = who?.attesters.find((a) => a.employeeId === actor.sub);
  if (!who || !me) {
    throw forbidden(
      who
        ? `this absence is attested in department ${who.departmentId}, by its managers or substitutes`
        : `nobody in department ${state.departmentId} or above it may attest this absence`,
    );
  }
  return me.capacity;
}

function checkPeriod(type: AbsenceType, from: IsoDate, to: IsoDate | null, now: Date, fromUnchanged = false): void {
  if (to !== null && to < from) throw invalid('to', 'must not be before from');
  if (from < ABSENCE_LIMITS.earliestDate) throw invalid('from', `must not be before ${ABSENCE_LIMITS.earliestDate}`);
  if (to === null && !OPEN_ENDED_TYPES.includes(type)) {
    throw ruleBroken('to', `only ${OPEN_ENDED_TYPES.join(' and ')} may be reported without a last day`);
  }
  if (to !== null && to > addDaysTo(from, ABSENCE_LIMITS.maxSpanDays)) {
    throw invalid('to', `one absence may span at most ${ABSENCE_LIMITS.maxSpanDays} days`);
  }
  const today = stockholmDateOf(now);
  const aheadLimit = SHORT_NOTICE_TYPES.includes(type) ? ABSENCE_LIMITS.shortNoticeDaysAhead : ABSENCE_LIMITS.plannedDaysAhead;
  // A correction that keeps the start date is not held to the notice rule again.
  if (!fromUnchanged && from > addDaysTo(today, aheadLimit)) {
    throw ruleBroken('from', `${type} may start at most ${aheadLimit} day(s) ahead`);
  }
}

function checkExtent(candidate: ActiveAbsence, ctx: AbsenceContext): void {
  const ids = overExtentConflicts(candidate, ctx.otherActiveAbsences);
  if (ids.length > 0) {
    throw conflict(`the absence would put some day above 100 % together with ${ids.join(', ')}`, {
      overlappingAbsenceIds: ids,
    });
  }
}
