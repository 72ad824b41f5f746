import { AbsenceState, Actor, absenceStreamId } from '@ledger/domain';
import { verifyChain } from '@ledger/event-store';
import { ABSENCE_COLLECTION, AbsencesProjection } from '../absences/absences.projection';
import { ProjectionHarness } from './projection-harness';

const EMPLOYEE: Actor = { sub: 'E1', roles: ['employee'] };
const MANAGER: Actor = { sub: 'M1', roles: ['employee', 'manager'] };
const ID = '6c0f3a52-0d7e-4a4b-9d0e-2b1f6f1d4e77';
const stream = absenceStreamId(ID);

describe('the projection test harness', () => {
  let ledger: ProjectionHarness;
  beforeEach(() => {
    ledger = new ProjectionHarness(new AbsencesProjection(), { now: '2026-03-02T07:00:00.000Z' });
  });
  afterEach(() => ledger.close());

  it('given a reported case, when it is attested, then the read model holds the attested case and the stream chains like the ledger writes it', async () => {
    await ledger.given({
      streamId: stream,
      event: {
        type: 'AbsenceReported',
        data: { absenceId: ID, employeeId: 'E1', departmentId: 'D1', type: 'sick', from: '2026-03-02', to: '2026-03-04', extentPercent: 100, channel: 'web', comment: null },
      },
      actor: EMPLOYEE,
    });
    ledger.now = '2026-03-05T09:00:00.000Z';
    await ledger.when({ streamId: stream, event: { type: 'AbsenceAttested', data: { attestedVersion: 0 } }, actor: MANAGER });

    const doc = await ledger.store.get<AbsenceState>(ledger.namespace, ABSENCE_COLLECTION, ID);
    expect(doc?.value).toMatchObject({ status: 'attested', version: 1, attestedBy: 'M1', attestedAt: '2026-03-05T09:00:00.000Z' });
    expect(ledger.log.map((e) => [e.revision, e.position])).toEqual([
      [0n, 1n],
      [1n, 2n],
    ]);
    expect(verifyChain(ledger.log)).toEqual([]);
    expect(ledger.log[1].metadata.prevHash).toBe(ledger.log[0].metadata.hash);
  });

  it('given events applied once, when one is applied again (a replay), then the read model does not change', async () => {
    const [reported] = await ledger.given({
      streamId: stream,
      event: {
        type: 'AbsenceReported',
        data: { absenceId: ID, employeeId: 'E1', departmentId: 'D1', type: 'sick', from: '2026-03-02', to: null, extentPercent: 100, channel: 'web', comment: null },
      },
      actor: EMPLOYEE,
    });
    await ledger.given({ streamId: stream, event: { type: 'ReturnReported', data: { lastDay: '2026-03-03' } }, actor: EMPLOYEE });
    const before = (await ledger.store.get<AbsenceState>(ledger.namespace, ABSENCE_COLLECTION, ID))?.value;
    await ledger.apply(reported);
    ledger.fresh();
    expect((await ledger.store.get<AbsenceState>(ledger.namespace, ABSENCE_COLLECTION, ID))?.value).toEqual(before);
    expect(before?.to).toBe('2026-03-03');
  });
});
