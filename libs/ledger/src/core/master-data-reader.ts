import { Inject, Injectable } from '@nestjs/common';
import {
  DepartmentLink,
  DepartmentState,
  EmployeeState,
  departmentDecider,
  departmentStreamId,
  employeeDecider,
  employeeStreamId,
  Evolver,
  foldRecorded,
} from '@ledger/domain';
import { EVENT_STORE, EventStore, deepFreeze } from '@ledger/event-store';

/** Streams whose folded state is kept; beyond it the least recently read are forgotten. */
const MAX_CACHED_STREAMS = 100_000;
/** Deeper trees than this are not followed (a municipality has a handful of levels). */
export const MAX_TREE_DEPTH = 32;

interface Folded {
  state: unknown;
  /** Revision of the last event folded in. */
  revision: bigint;
}

/**
 * Reads employees and departments straight from their streams, so the rules a command checks
 * (who manages whom, where an employee works) are never behind the ledger.
 *
 * Each stream's folded state is kept with the revision it reached; a read asks the stream only for
 * what came after it (usually nothing) and folds that in. Every read still goes to the stream, so
 * nothing is ever missed, but the common case no longer parses and folds the whole stream: on the
 * report path that was two full stream reads per command. The kept states are frozen: callers
 * share them.
 */
@Injectable()
export class MasterDataReader {
  private readonly folded = new Map<string, Folded>();

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async employee(employeeId: string): Promise<EmployeeState> {
    return this.read(employeeStreamId(employeeId), employeeDecider);
  }

  async department(departmentId: string): Promise<DepartmentState> {
    return this.read(departmentStreamId(departmentId), departmentDecider);
  }

  private async read<S>(streamId: string, decider: Evolver<S, never>): Promise<S> {
    const known = this.folded.get(streamId);
    const tail = await this.events.readStream(streamId, known ? { fromRevision: known.revision + 1n } : {});
    if (known && tail.length === 0) {
      // Most recently read last: Map order is the eviction order.
      this.folded.delete(streamId);
      this.folded.set(streamId, known);
      return known.state as S;
    }
    if (tail.length === 0) return decider.initialState; // no such stream (yet)
    const state = deepFreeze(foldRecorded(decider, tail, known ? (known.state as S) : decider.initialState));
    this.folded.delete(streamId);
    this.folded.set(streamId, { state, revision: tail[tail.length - 1].revision });
    if (this.folded.size > MAX_CACHED_STREAMS) this.folded.delete(this.folded.keys().next().value!);
    return state;
  }

  /**
   * The department and every department above it, nearest first, following parentId (stops at a
   * root, an unknown parent, or, defensively, a department seen already).
   */
  async chain(departmentId: string): Promise<DepartmentLink[]> {
    const out: DepartmentLink[] = [];
    const seen = new Set<string>();
    let id: string | null = departmentId;
    while (id !== null && !seen.has(id) && out.length < MAX_TREE_DEPTH) {
      seen.add(id);
      const d = await this.department(id);
      if (!d.exists) break;
      out.push({ departmentId: id, managerIds: d.managerIds, substitutes: d.substitutes });
      id = d.parentId;
    }
    return out;
  }

  /** managerIds of each named department (unknown departments map to no managers). */
  async managersOf(departmentIds: Array<string | undefined>): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const id of new Set(departmentIds.filter((d): d is string => !!d))) {
      out[id] = (await this.department(id)).managerIds;
    }
    return out;
  }
}
