import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import { addDaysTo, IsoDate, stockholmDateOf } from '../shared/dates';
import type { Decider, DomainEvent } from '../shared/decider';
import { forbidden, invalid, notFound, ruleBroken } from '../shared/errors';
import { streamIds } from '../shared/stream-ids';

/** Stream `department-<departmentId>`: a department (förvaltning/enhet), its managers, its place in the tree and its substitutes. */
const DEPARTMENT_STREAMS = streamIds('department-');
export const departmentStreamId = (departmentId: string): string => DEPARTMENT_STREAMS.streamIdOf(departmentId);
/** The departmentId of a `department-…` stream id. */
export const departmentIdOfStream = (streamId: string): string => DEPARTMENT_STREAMS.idOf(streamId);

/** `parentId` is absent in events recorded before departments formed a tree: read as null (a root). */
export type DepartmentDefined = DomainEvent<
  'DepartmentDefined',
  { departmentId: string; name: string; managerIds: string[]; parentId?: string | null }
>;
/** An ersättare appointed to attest for the department from `from` to `to` (both included). */
export type SubstituteAppointed = DomainEvent<'SubstituteAppointed', { employeeId: string; from: IsoDate; to: IsoDate }>;
/** The appointment ends at once. */
export type SubstituteAppointmentEnded = DomainEvent<'SubstituteAppointmentEnded', { employeeId: string }>;
export type DepartmentEvent = DepartmentDefined | SubstituteAppointed | SubstituteAppointmentEnded;

export const DEPARTMENT_EVENT_TYPES: ReadonlyArray<DepartmentEvent['type']> = [
  'DepartmentDefined',
  'SubstituteAppointed',
  'SubstituteAppointmentEnded',
];

export interface DefineDepartment {
  kind?: 'define';
  departmentId: string;
  name: string;
  managerIds: string[];
  /** undefined (left out of the PUT) keeps the recorded parent; null makes the department a root. */
  parentId?: string | null;
}
export interface AppointSubstitute {
  kind: 'appoint_substitute';
  employeeId: string;
  from: IsoDate;
  to: IsoDate;
}
export interface EndSubstituteAppointment {
  kind: 'end_substitute';
  employeeId: string;
}
export type DepartmentCommand = DefineDepartment | AppointSubstitute | EndSubstituteAppointment;

export interface Substitute {
  employeeId: string;
  from: IsoDate;
  to: IsoDate;
}

export interface DepartmentState {
  exists: boolean;
  departmentId: string;
  name: string;
  managerIds: string[];
  parentId: string | null;
  /** Sorted by employeeId; one appointment per person. */
  substitutes: Substitute[];
}

export interface DepartmentContext {
  actor: Actor;
  now?: Date;
  /**
   * For a define with a parent: the parent and its ancestors, nearest first, as the ledger knows
   * them (undefined when the parent is unknown).
   */
  parentChain?: readonly string[];
  /** For substitutes: the managers of this department and of every department above it. */
  managersHereAndAbove?: readonly string[];
  /** For an appointment: whether the appointed person is an employee known to the ledger. */
  substituteIsEmployee?: boolean;
}

/** An appointment spans at most a year (inclusive of both days: 366 days in a leap year). */
export const MAX_SUBSTITUTE_SPAN_DAYS = 366;

export const departmentDecider: Decider<DepartmentCommand, DepartmentState, DepartmentEvent, DepartmentContext> = {
  initialState: { exists: false, departmentId: '', name: '', managerIds: [], parentId: null, substitutes: [] },
  decide(command, state, ctx) {
    switch (command.kind) {
      case 'appoint_substitute':
        return appoint(command, state, ctx);
      case 'end_substitute':
        return endAppointment(command, state, ctx);
      default:
        return define(command, state, ctx);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'DepartmentDefined':
        return {
          ...state,
          exists: true,
          departmentId: event.data.departmentId,
          name: event.data.name,
          managerIds: event.data.managerIds,
          parentId: event.data.parentId ?? null,
        };
      case 'SubstituteAppointed': {
        const others = state.substitutes.filter((s) => s.employeeId !== event.data.employeeId);
        return { ...state, substitutes: [...others, { ...event.data }].sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1)) };
      }
      case 'SubstituteAppointmentEnded':
        return { ...state, substitutes: state.substitutes.filter((s) => s.employeeId !== event.data.employeeId) };
    }
  },
};

function define(command: DefineDepartment, state: DepartmentState, { actor, parentChain }: DepartmentContext): DepartmentEvent[] {
  if (!hasRole(actor, 'hr', 'integration')) throw forbidden('only hr and integrations keep departments');
  const managerIds = [...new Set(command.managerIds)].sort();
  const parentId = command.parentId === undefined ? state.parentId : command.parentId;
  if (parentId !== null && parentId !== state.parentId) {
    if (parentId === command.departmentId) throw ruleBroken('parentId', 'a department cannot be its own parent');
    if (!parentChain) throw notFound(`parent department ${parentId} is not known to the ledger`);
    if (parentChain.includes(command.departmentId)) {
      throw ruleBroken('parentId', `department ${parentId} lies below ${command.departmentId}: the tree would have a cycle`);
    }
  }
  // A PUT that changes nothing records nothing.
  if (state.exists && state.name === command.name && sameList(state.managerIds, managerIds) && state.parentId === parentId) return [];
  return [{ type: 'DepartmentDefined', data: { departmentId: command.departmentId, name: command.name, managerIds, parentId } }];
}

function authorizeSubstitutes(state: DepartmentState, { actor, managersHereAndAbove }: DepartmentContext): void {
  if (!state.exists) throw notFound(`department ${state.departmentId || ''} not found`.trim());
  if (hasRole(actor, 'hr')) return;
  if (hasRole(actor, 'manager') && (managersHereAndAbove ?? []).includes(actor.sub)) return;
  throw forbidden('substitutes are appointed by a manager of the department or above it, or by hr');
}

function appoint(c: AppointSubstitute, state: DepartmentState, ctx: DepartmentContext): DepartmentEvent[] {
  authorizeSubstitutes(state, ctx);
  if (c.to < c.from) throw invalid('to', 'must not be before from');
  if (c.to >= addDaysTo(c.from, MAX_SUBSTITUTE_SPAN_DAYS)) {
    throw ruleBroken('to', `an appointment spans at most a year (${MAX_SUBSTITUTE_SPAN_DAYS} days, both ends included); appoint again after it`);
  }
  if (ctx.now && c.to < stockholmDateOf(ctx.now)) throw ruleBroken('to', 'the appointment would already be over');
  if (!ctx.substituteIsEmployee) throw ruleBroken('employeeId', `${c.employeeId} is not an employee known to the ledger`);
  const current = state.substitutes.find((s) => s.employeeId === c.employeeId);
  if (current && current.from === c.from && current.to === c.to) return [];
  return [{ type: 'SubstituteAppointed', data: { employeeId: c.employeeId, from: c.from, to: c.to } }];
}

function endAppointment(c: EndSubstituteAppointment, state: DepartmentState, ctx: DepartmentContext): DepartmentEvent[] {
  authorizeSubstitutes(state, ctx);
  if (!state.substitutes.some((s) => s.employeeId === c.employeeId)) {
    throw notFound(`${c.employeeId} is not appointed substitute of department ${state.departmentId}`);
  }
  return [{ type: 'SubstituteAppointmentEnded', data: { employeeId: c.employeeId } }];
}

/** Whether the person is appointed substitute of the department on the day. */
export function isSubstituteOn(state: { substitutes: readonly Substitute[] }, employeeId: string, day: IsoDate): boolean {
  return state.substitutes.some((s) => s.employeeId === employeeId && s.from <= day && day <= s.to);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
