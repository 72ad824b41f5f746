export { PayrollProjection } from './payroll.projection';
export { PayrollReadModel, MAX_PAGE_LIMIT } from './payroll-read-model';
export { toPayrollLine } from './payroll-documents';
export type { PayrollLinesPage, PayrollPeriodLines, PayrollPeriodSnapshot, PeriodStatus } from './payroll-read-model';
export { PAYROLL_PROJECTION_NAME } from './payroll-documents';
export type { PeriodLine, PayrollMeta, EmployeeFacts } from './payroll-documents';
export { computeLines, adjustmentsFor, lineIdOf, absentHours } from './payroll-lines';
export type { AttestedFacts, ComputedLine } from './payroll-lines';
