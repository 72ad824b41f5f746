import type { Actor } from '../shared/actor';
import { given } from '../testing/given-when-then';
import { HealthDataRead, RecordHealthDataRead, healthDataReadDecider, healthDataReadsStreamId, isHealthData, streamNamePart } from './health-data-read.decider';

const HR: Actor = { sub: 'hr-1', roles: ['hr', 'auditor'] };
const read: RecordHealthDataRead = { employeeId: 'E1', what: 'absence', absenceId: 'a1', departmentId: 'D1', asOf: null };

describe('health data read decider (the access log)', () => {
  it('records who read whose health data, whatever the reader’s roles', () => {
    const expected: HealthDataRead = { type: 'HealthDataRead', data: { ...read, reader: { sub: 'hr-1', roles: ['hr', 'auditor'] } } };
    const state = given(healthDataReadDecider, [], { actor: HR }).when(read).then([expected]);
    expect(state).toEqual({ reads: 1 });
  });

  it('names one stream per person and month, with claims escaped so no two values share a name', () => {
    expect(healthDataReadsStreamId('E1', '2026-12')).toBe('health-data-reads-2026-12-E1');
    expect(streamNamePart('a/b c')).toBe('a~2f~b~20~c');
    expect(streamNamePart('x~2f~')).not.toBe(streamNamePart('x/'));
    expect(streamNamePart('ö')).toBe('~c3b6~');
  });

  it('treats sick, work injury, pregnancy benefit and care of a relative as health data, not vacation', () => {
    expect(['sick', 'work_injury', 'pregnancy_benefit', 'care_of_relative'].every((t) => isHealthData(t as never))).toBe(true);
    expect(isHealthData('vacation')).toBe(false);
  });
});
