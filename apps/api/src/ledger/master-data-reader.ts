import { Inject, Injectable } from '@nestjs/common';
import {
  DepartmentState,
  EmployeeState,
  departmentDecider,
  departmentStreamId,
  employeeDecider,
  employeeStreamId,
} from '@ledger/domain';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { foldRecorded } from './command-pipeline';

/**
 * Reads employees and departments straight from their streams, so the rules a command checks
 * (who manages whom, where an employee works) are never behind the ledger.
 */
@Injectable()
export class MasterDataReader {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async employee(employeeId: string): Promise<EmployeeState> {
    return foldRecorded(employeeDecider, await this.events.readStream(employeeStreamId(employeeId)));
  }

  async department(departmentId: string): Promise<DepartmentState> {
    return foldRecorded(departmentDecider, await this.events.readStream(departmentStreamId(departmentId)));
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
