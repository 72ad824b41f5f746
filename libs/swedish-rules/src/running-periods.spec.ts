import { countedDays } from '@ledger/swedish-rules';

describe('statistics of time still running', () => {
  it('given December asked on the 3rd, then only 1–3 December count', () => {
    expect(countedDays({ from: '2026-12-01', to: '2026-12-31' }, '2026-12-03')).toEqual({ from: '2026-12-01', to: '2026-12-03' });
  });

  it('given a month that has ended, then all of it counts; one not begun counts nothing', () => {
    expect(countedDays({ from: '2026-11-01', to: '2026-11-30' }, '2026-12-03')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(countedDays({ from: '2027-01-01', to: '2027-01-31' }, '2026-12-03')).toBeNull();
  });
});
