import { PayrollLine, PayrollPeriodExport } from '../types';

/** Test data shared by the specs. */
export function line(overrides: Partial<PayrollLine> & Pick<PayrollLine, 'lineId'>): PayrollLine {
  return {
    employeeId: 'E-100',
    absenceId: 'abs-1',
    date: '2025-03-03',
    type: 'sick',
    code: 'SJK_KAR',
    hours: 8,
    extentPercent: 100,
    sickDay: 1,
    unpaidReason: null,
    adjustsPeriod: null,
    attestedBy: 'M-7',
    attestedAt: '2025-04-02T07:15:00.000Z',
    flags: [],
    ...overrides,
  };
}

/** A March period: sick days (SJK_KAR, SJK_LÖN, part-time), NÄR, VAB, and an adjustment of February. */
export function marchPeriod(): PayrollPeriodExport {
  return {
    period: '2025-03',
    status: 'locked',
    generatedAt: '2025-04-11T05:00:00.000Z',
    lines: [
      line({ lineId: 'abs-1:2025-03-03', date: '2025-03-03', code: 'SJK_KAR', sickDay: 1 }),
      line({ lineId: 'abs-1:2025-03-04', date: '2025-03-04', code: 'SJK_LÖN', sickDay: 2 }),
      line({ lineId: 'abs-1:2025-03-05', date: '2025-03-05', code: 'SJK_LÖN', sickDay: 3, hours: 3.2, extentPercent: 40 }),
      line({
        lineId: 'abs-2:2025-03-10',
        employeeId: 'E-200',
        absenceId: 'abs-2',
        date: '2025-03-10',
        type: 'care_of_relative',
        code: 'NÄR',
        hours: 6,
        extentPercent: 75,
        sickDay: null,
        attestedBy: 'M-8',
        attestedAt: '2025-03-31T22:30:00.000Z', // 1 April in Stockholm
      }),
      line({
        lineId: 'abs-3:2025-02-27:adj:2025-03',
        employeeId: 'E-200',
        absenceId: 'abs-3',
        date: '2025-02-27',
        type: 'care_of_child',
        code: 'VAB',
        hours: -8,
        sickDay: null,
        adjustsPeriod: '2025-02',
        attestedBy: 'M-8',
        attestedAt: '2025-03-20T09:00:00.000Z',
      }),
    ],
  };
}

export function emptyPeriod(): PayrollPeriodExport {
  return { period: '2025-07', status: 'open', generatedAt: '2025-08-01T00:00:00Z', lines: [] };
}
