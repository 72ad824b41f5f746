import type { RecordedEvent } from '@ledger/event-store';
import type { Projection, UnitOfWork } from '@ledger/projections';

export const COUNTED_TYPES = [
  'DepartmentDefined',
  'EmploymentRecorded',
  'AbsenceReported',
  'AbsenceAttested',
  'MedicalCertificateRegistered',
  'ReturnReported',
];

/**
 * Counts every event it is given, per type, with NO replay guard: if the runtime ever applied a
 * batch twice (changes committed without their checkpoint, or the other way round), the count
 * would come out too high. The ledger's own projections skip replays by revision, so they could
 * not show double counting; this one shows it.
 */
export class EventCounterProjection implements Projection {
  readonly name = 'event-counter';
  readonly version = 1;
  readonly eventTypes = new Set(COUNTED_TYPES);

  private applied = 0;

  async apply(event: RecordedEvent, uow: UnitOfWork): Promise<void> {
    // A pause every 2 events (a few seconds over the test log) lets the kill test catch it mid-way.
    if (++this.applied % 2 === 0) await new Promise((r) => setTimeout(r, 1));
    const doc = (await uow.get<{ n: number }>('count', event.type)) ?? { n: 0 };
    await uow.put('count', event.type, { n: doc.n + 1 });
  }
}
