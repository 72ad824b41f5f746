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
 * The absence registered now: each case's latest state, listed by employee and, while it waits
 * for attestation, by department. The state is the decider's own evolve, so the read model and
 * the write side cannot disagree on what a case is.
 */
export class AbsencesProjection implements Projection {
  readonly name = 'absences';
  readonly version = 1;
  readonly eventTypes = new Set<string>(ABSENCE_EVENT_TYPES);

  async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
    const absenceId = absenceIdOfStream(event.streamId);
    const before = (await uow.get<AbsenceState>(ABSENCE_COLLECTION, absenceId)) ?? absenceDecider.initialState;
    if (Number(event.revision) <= before.version) return; // replayed event: already applied
    const after = evolveRecorded(absenceDecider, before, event);
    await uow.put(ABSENCE_COLLECTION, absenceId, after, absenceIndexes(after));
  }
}

export function absenceIndexes(state: AbsenceState): IndexEntry[] {
  const indexes: IndexEntry[] = [{ index: BY_EMPLOYEE, value: state.employeeId }];
  if (awaitsAttestation(state)) indexes.push({ index: PENDING_BY_DEPARTMENT, value: state.departmentId });
  return indexes;
}
