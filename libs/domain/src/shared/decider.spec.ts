import { absenceIdOfStream, absenceStreamId } from '../absence/absence.events';
import { departmentIdOfStream, departmentStreamId } from '../department/department.decider';
import { employeeIdOfStream, employeeStreamId } from '../employee/employee.decider';
import { notificationIdOfStream, notificationStreamId } from '../notification/notification.decider';
import { employeeIdOfObservationsStream, observationsStreamId } from '../observation/observation.decider';
import { periodOfPayrollPeriodStream, payrollPeriodStreamId } from '../payroll-period/payroll-period.decider';
import { auditedReadsStreamId, subOfAuditedReadsStream } from '../audit/audited-read.decider';
import { Decider, DomainEvent, EventMeta, RecordedDomainEvent, evolveRecorded, foldRecorded, isRecorded } from './decider';

type Counted = DomainEvent<'Counted', { by: number }>;
type Reset = DomainEvent<'Reset', Record<string, never>>;
interface CounterState {
  total: number;
  seen: EventMeta[];
}
const counter: Decider<never, CounterState, Counted | Reset, never> = {
  initialState: { total: 0, seen: [] },
  decide: () => [],
  evolve: (state, event, meta) => ({ total: event.type === 'Counted' ? state.total + event.data.by : 0, seen: [...state.seen, meta] }),
};

const actor = { sub: 'E1', roles: ['employee' as const] };
const recorded = (revision: number, type: string, data: object): RecordedDomainEvent => ({
  type,
  data,
  revision: BigInt(revision),
  metadata: { recordedAt: `2026-03-0${revision + 1}T08:00:00.000Z`, actor },
});

describe('folding recorded events', () => {
  const log = [recorded(0, 'Counted', { by: 2 }), recorded(1, 'Counted', { by: 3 }), recorded(2, 'Reset', {}), recorded(3, 'Counted', { by: 4 })];

  it('given a stream, when folded, then evolve sees each event with its revision, recordedAt and actor', () => {
    const state = foldRecorded(counter, log);
    expect(state.total).toBe(4);
    expect(state.seen).toEqual([0, 1, 2, 3].map((r) => ({ revision: r, recordedAt: `2026-03-0${r + 1}T08:00:00.000Z`, actor })));
  });

  it('given the state before the tail, when the tail is folded from it, then it is the whole fold', () => {
    const head = foldRecorded(counter, log.slice(0, 2));
    expect(foldRecorded(counter, log.slice(2), head)).toEqual(foldRecorded(counter, log));
    expect(evolveRecorded(counter, foldRecorded(counter, log.slice(0, 3)), log[3])).toEqual(foldRecorded(counter, log));
  });

  it('given a recorded event, when narrowed by its type, then only that type matches', () => {
    expect(isRecorded<Counted>(log[0], 'Counted')).toBe(true);
    expect(isRecorded<Reset>(log[0], 'Reset')).toBe(false);
  });
});

describe('stream ids', () => {
  it.each([
    [absenceStreamId, absenceIdOfStream, '6c0f3a52-0d7e-4a4b-9d0e-2b1f6f1d4e77', 'absence-6c0f3a52-0d7e-4a4b-9d0e-2b1f6f1d4e77'],
    [employeeStreamId, employeeIdOfStream, 'E-1', 'employee-E-1'],
    [departmentStreamId, departmentIdOfStream, 'D-1', 'department-D-1'],
    [payrollPeriodStreamId, periodOfPayrollPeriodStream, '2026-03', 'payroll-period-2026-03'],
    [observationsStreamId, employeeIdOfObservationsStream, 'E1', 'observations-E1'],
    [notificationStreamId, notificationIdOfStream, 'n-1', 'notification-n-1'],
    [auditedReadsStreamId, subOfAuditedReadsStream, 'auditor-1', 'audited-reads-auditor-1'],
  ])('given an id, when built into a stream id and parsed back, then it is the same id (%#)', (build, parse, id, streamId) => {
    expect(build(id)).toBe(streamId);
    expect(parse(streamId)).toBe(id);
  });

  it('given a stream of another kind, when parsed, then it is refused', () => {
    expect(() => absenceIdOfStream('employee-E1')).toThrow('not a absence-… stream');
  });
});
