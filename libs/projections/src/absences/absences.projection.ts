import { ABSENCE_EVENT_TYPES, AbsenceState, absenceDecider, absenceIdOfStream, awaitsAttestation, evolveRecorded } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { IndexEntry } from '@ledger/read-store';
import type { Projection } from '../runtime/projection';
import type { UnitOfWork } from '../runtime/unit-of-work';

export const ABSENCE_COLLECTION = 'absence';
export const BY_EMPLOYEE = 'employee';
/** Cases that wait for a manager's attestation, by department. */
export const PENDING_BY_DEPARTMENT = 'pending';
/**
 * The cases that wait for attestation once more, keyed `<first day>|<absenceId>` so that an index
 * lists them by first day: by department (PENDING_BY_DEPARTMENT) and by department and employee
 * (PENDING_BY_DEPARTMENT_EMPLOYEE, value `<departmentId>|<employeeId>`).
 */
export const PENDING_COLLECTION = 'pending';
export const PENDING_BY_DEPARTMENT_EMPLOYEE = 'pending-employee';

/** What a pending-attestation list shows of a case. */
export interface PendingCase {
  absenceId: string;
  employeeId: string;
  departmentId: string;
  type: AbsenceState['type'];
  from: string;
  to: string | null;
  extentPercent: number;
  version: number;
  reportedAt: string;
  status: AbsenceState['status'];
}

export const pendingKeyOf = (s: Pick<AbsenceState, 'from' | 'absenceId'>) => `${s.from}|${s.absenceId}`;

/**
 * The absence registered now: each case's latest state, listed by employee and, while it waits
 * for attestation, by department. The state is the decider's own evolve, so the read model and
 * the write side cannot disagree on what a case is.
 */
export class AbsencesProjection implements Projection {
  readonly name = 'absences';
  readonly version = 2;
  readonly eventTypes = new Set<string>(ABSENCE_EVENT_TYPES);

  async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
    const absenceId = absenceIdOfStream(event.streamId);
    const before = (await uow.get<AbsenceState>(ABSENCE_COLLECTION, absenceId)) ?? absenceDecider.initialState;
    if (Number(event.revision) <= before.version) return; // replayed event: already applied
    const after = evolveRecorded(absenceDecider, before, event);
    await uow.put(ABSENCE_COLLECTION, absenceId, after, absenceIndexes(after));
    const keyBefore = awaitsAttestation(before) ? pendingKeyOf(before) : undefined;
    const keyAfter = awaitsAttestation(after) ? pendingKeyOf(after) : undefined;
    if (keyBefore !== undefined && keyBefore !== keyAfter) await uow.delete(PENDING_COLLECTION, keyBefore);
    if (keyAfter !== undefined) {
      const item: PendingCase = {
        absenceId: after.absenceId,
        employeeId: after.employeeId,
        departmentId: after.departmentId,
        type: after.type,
        from: after.from,
        to: after.to,
        extentPercent: after.extentPercent,
        version: after.version,
        reportedAt: after.reportedAt,
        status: after.status,
      };
      await uow.put(PENDING_COLLECTION, keyAfter, item, [
        { index: PENDING_BY_DEPARTMENT, value: after.departmentId },
        { index: PENDING_BY_DEPARTMENT_EMPLOYEE, value: `${after.departmentId}|${after.employeeId}` },
      ]);
    }
  }
}

export function absenceIndexes(state: AbsenceState): IndexEntry[] {
  const indexes: IndexEntry[] = [{ index: BY_EMPLOYEE, value: state.employeeId }];
  if (awaitsAttestation(state)) indexes.push({ index: PENDING_BY_DEPARTMENT, value: state.departmentId });
  return indexes;
}
