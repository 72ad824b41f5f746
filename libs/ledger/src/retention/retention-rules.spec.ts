import type { Employment } from '@ledger/domain';
import { employmentEndedOn, retentionDecisions } from './retention-rules';

const settings = { freeTextYears: 2, afterEmploymentDays: 365 };
const employed: Employment[] = [{ effectiveFrom: '2020-01-01', departmentId: 'D1', employmentPercent: 100, weeklyHours: 40 }];
const ended: Employment[] = [...employed, { effectiveFrom: '2025-06-01', departmentId: 'D1', employmentPercent: 0, weeklyHours: 40 }];
const live = ['identity', 'text-2023', 'text-2024', 'text-2025'];

describe('retention rules (gallring)', () => {
  it('an employment has ended when its last record is 0 %, from that record’s day', () => {
    expect(employmentEndedOn(employed)).toBeUndefined();
    expect(employmentEndedOn(ended)).toBe('2025-06-01');
    // Re-employed after the end: employed again.
    expect(employmentEndedOn([...ended, { effectiveFrom: '2025-09-01', departmentId: 'D1', employmentPercent: 50, weeklyHours: 40 }])).toBeUndefined();
  });

  // Worked example, free text kept 2 full years after the year it was written:
  // text of 2023 is kept through 2025-12-31 and erased from 2026-01-01; text of 2024 from 2027-01-01.
  it('erases free text of year Y from 1 January of Y + 3 (default), one year at a time, and never the identity while employed', () => {
    const subject = { employeeId: 'E1', liveCategories: live, employments: employed };
    expect(retentionDecisions(subject, '2025-12-31', settings)).toEqual([]);
    expect(retentionDecisions(subject, '2026-01-01', settings)).toEqual([{ employeeId: 'E1', rule: 'free_text_age', categories: ['text-2023'] }]);
    expect(retentionDecisions(subject, '2027-01-01', settings)).toEqual([{ employeeId: 'E1', rule: 'free_text_age', categories: ['text-2023', 'text-2024'] }]);
    expect(retentionDecisions({ ...subject, liveCategories: ['identity', 'text-2025'] }, '2027-06-30', settings)).toEqual([]);
  });

  // Worked example: employment ends 2025-06-01 (0 % from that day); 365 days later is 2026-06-01.
  it('erases identity and all free text 365 days after the employment ended, not a day before', () => {
    const subject = { employeeId: 'E2', liveCategories: live, employments: ended };
    expect(retentionDecisions(subject, '2026-05-31', settings)).toEqual([{ employeeId: 'E2', rule: 'free_text_age', categories: ['text-2023'] }]);
    expect(retentionDecisions(subject, '2026-06-01', settings)).toEqual([
      { employeeId: 'E2', rule: 'after_employment', categories: ['identity', 'text-2023', 'text-2024', 'text-2025'] },
    ]);
  });

  it('has nothing to do once the keys are gone, and ignores the erasure mark', () => {
    expect(retentionDecisions({ employeeId: 'E3', liveCategories: ['erased'], employments: ended }, '2030-01-01', settings)).toEqual([]);
    expect(retentionDecisions({ employeeId: 'E3', liveCategories: [], employments: ended }, '2030-01-01', settings)).toEqual([]);
  });

  it('follows the settings: 0 years keeps text only to the end of its own year', () => {
    const subject = { employeeId: 'E1', liveCategories: ['text-2025'], employments: employed };
    expect(retentionDecisions(subject, '2025-12-31', { ...settings, freeTextYears: 0 })).toEqual([]);
    expect(retentionDecisions(subject, '2026-01-01', { ...settings, freeTextYears: 0 })).toEqual([{ employeeId: 'E1', rule: 'free_text_age', categories: ['text-2025'] }]);
  });
});
