/** One payroll line, as served by `GET /v1/payroll/periods/{month}/lines` (docs/http-api.md "Payroll"). */
export interface PayrollLine {
  lineId: string;
  employeeId: string;
  absenceId: string;
  /** YYYY-MM-DD, a calendar date in Europe/Stockholm. For an adjustment line, the original day. */
  date: string;
  /** Absence type, e.g. 'sick'. */
  type: string;
  /** PAXml tidkod, e.g. 'SJK_KAR', 'SJK_LÖN', 'VAB', 'NÄR' (docs/domain.md). */
  code: string;
  /** Hours; signed on adjustment lines. */
  hours: number;
  extentPercent: number;
  /** Calendar day number within the chained sick period, or null. */
  sickDay: number | null;
  /** Why a sick day pays nothing: `not_reported` (SjLL 8 §: before the employer was notified), or null. */
  unpaidReason: string | null;
  /** YYYY-MM of the locked period an adjustment line adjusts, or null. */
  adjustsPeriod: string | null;
  attestedBy: string;
  /** ISO 8601 timestamp in UTC. */
  attestedAt: string;
  /**
   * Markers for payroll: `high_risk_protection` (särskilt högriskskydd: claim the sick pay back from
   * Försäkringskassan), `extent_not_payable_from_day_15` (an extent Försäkringskassan does not pay).
   */
  flags: string[];
}

export interface PayrollPeriodExport {
  /** YYYY-MM */
  period: string;
  status: 'open' | 'locked';
  lines: PayrollLine[];
  /** ISO 8601 timestamp in UTC, passed in so that the export functions stay pure. */
  generatedAt: string;
}

/**
 * The PayrollLine fields in their defined order: the JSON key order and the CSV column order.
 * `satisfies` keeps this list complete: a field added to PayrollLine must be added here.
 */
export const PAYROLL_LINE_FIELDS = [
  'lineId',
  'employeeId',
  'absenceId',
  'date',
  'type',
  'code',
  'hours',
  'extentPercent',
  'sickDay',
  'unpaidReason',
  'adjustsPeriod',
  'attestedBy',
  'attestedAt',
  'flags',
] as const satisfies readonly (keyof PayrollLine)[];

type MissingField = Exclude<keyof PayrollLine, (typeof PAYROLL_LINE_FIELDS)[number]>;
// Compile-time completeness check: fails to type-check if a PayrollLine field is missing above.
const _allFieldsListed: MissingField extends never ? true : never = true;
