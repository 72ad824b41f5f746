import type { Actor } from '../shared/actor';
import { hasRole } from '../shared/actor';
import type { Decider, DomainEvent } from '../shared/decider';
import { forbidden } from '../shared/errors';
import { streamIds } from '../shared/stream-ids';

/** Stream `department-<departmentId>`: a department (förvaltning/enhet) and its managers. */
const DEPARTMENT_STREAMS = streamIds('department-');
export const departmentStreamId = (departmentId: string): string => DEPARTMENT_STREAMS.streamIdOf(departmentId);
/** The departmentId of a `department-…` stream id. */
export const departmentIdOfStream = (streamId: string): string => DEPARTMENT_STREAMS.idOf(streamId);

export type DepartmentDefined = DomainEvent<'DepartmentDefined', { departmentId: string; name: string; managerIds: string[] }>;
export type DepartmentEvent = DepartmentDefined;

export interface DefineDepartment {
  departmentId: string;
  name: string;
  managerIds: string[];
}

export interface DepartmentState {
  exists: boolean;
  departmentId: string;
  name: string;
  managerIds: string[];
}

export interface DepartmentContext {
  actor: Actor;
}

export const departmentDecider: Decider<DefineDepartment, DepartmentState, DepartmentEvent, DepartmentContext> = {
  initialState: { exists: false, departmentId: '', name: '', managerIds: [] },
  decide(command, state, { actor }) {
    if (!hasRole(actor, 'hr', 'integration')) throw forbidden('only hr and integrations keep departments');
    const managerIds = [...new Set(command.managerIds)].sort();
    // A PUT that changes nothing records nothing.
    if (state.exists && state.name === command.name && sameList(state.managerIds, managerIds)) return [];
    return [{ type: 'DepartmentDefined', data: { departmentId: command.departmentId, name: command.name, managerIds } }];
  },
  evolve(_state, event) {
    return { exists: true, ...event.data };
  },
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
