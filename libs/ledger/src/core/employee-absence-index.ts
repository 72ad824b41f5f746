import { Injectable } from '@nestjs/common';
import { AbsenceState, ActiveAbsence } from '@ledger/domain';
import { ABSENCE_COLLECTION, BY_EMPLOYEE } from '@ledger/projections';
import { ProjectionsService } from './projections.service';

/**
 * An employee's absences as the overlap rule needs them. Commands for one employee run one at a
 * time in this process, and each waits until the absences projection has applied the employee's
 * previous write, so two reports can never both slip past the 100 % rule here.
 */
@Injectable()
export class EmployeeAbsenceIndex {
  private readonly lastWrite = new Map<string, bigint>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly projections: ProjectionsService) {}

  /** Runs `work` exclusively for the employee. */
  async exclusive<T>(employeeId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(employeeId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.queues.set(employeeId, tail);
    try {
      return await run;
    } finally {
      if (this.queues.get(employeeId) === tail) this.queues.delete(employeeId);
    }
  }

  noteWrite(employeeId: string, position: bigint): void {
    this.lastWrite.set(employeeId, position);
  }

  /** The employee's cases (withdrawn ones too), once the projection has seen their last write. */
  async casesOf(employeeId: string): Promise<AbsenceState[]> {
    const last = this.lastWrite.get(employeeId);
    if (last !== undefined && !(await this.projections.waitFor('absences', last, 10_000))) {
      throw new Error('the absences projection is not keeping up; try again');
    }
    if (last !== undefined) this.lastWrite.delete(employeeId);
    const store = this.projections.readStore;
    const ns = this.projections.namespaceOf('absences');
    const docs = await store.list<AbsenceState>(ns, ABSENCE_COLLECTION, { index: BY_EMPLOYEE, value: employeeId });
    return docs.map((d) => d.value);
  }

  async activeAbsencesOf(employeeId: string): Promise<ActiveAbsence[]> {
    return (await this.casesOf(employeeId))
      .filter((a) => !a.withdrawn)
      .map((a) => ({ absenceId: a.absenceId, from: a.from, to: a.to, extentPercent: a.extentPercent }));
  }
}
