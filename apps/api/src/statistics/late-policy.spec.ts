import { ConfigError } from '@ledger/config';
import { loadLatePolicy } from './late-policy';

describe('the late-reporting policy from the environment', () => {
  it('defaults to sick, work injury and VAB late after the first day, returns after the first day back', () => {
    expect(loadLatePolicy({})).toEqual({ reportGraceHours: { sick: 24, care_of_child: 24, work_injury: 24 }, returnGraceHours: 24 });
    expect(loadLatePolicy({ LATE_REPORT_GRACE_HOURS: ' ', LATE_RETURN_GRACE_HOURS: '' })).toEqual(loadLatePolicy({}));
  });

  it('takes type=hours pairs, negative hours asking for notice ahead', () => {
    expect(loadLatePolicy({ LATE_REPORT_GRACE_HOURS: 'sick=8, vacation=-336,care_of_child=12.5', LATE_RETURN_GRACE_HOURS: '48' })).toEqual({
      reportGraceHours: { sick: 8, vacation: -336, care_of_child: 12.5 },
      returnGraceHours: 48,
    });
    expect(loadLatePolicy({ LATE_REPORT_GRACE_HOURS: 'none' }).reportGraceHours).toEqual({});
  });

  it('refuses a malformed policy instead of falling back', () => {
    for (const bad of ['sick', 'sick=', 'sick=x', 'holiday=24', 'sick=24=1', 'sick=24,sick=12', 'sick=9000', 'sick=1.005']) {
      expect(() => loadLatePolicy({ LATE_REPORT_GRACE_HOURS: bad })).toThrow(ConfigError);
    }
    expect(() => loadLatePolicy({ LATE_RETURN_GRACE_HOURS: 'tomorrow' })).toThrow(/LATE_RETURN_GRACE_HOURS/);
  });
});
