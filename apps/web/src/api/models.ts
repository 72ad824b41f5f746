/**
 * Response shapes the front end reads. Until the OpenAPI document carries every response schema,
 * these follow the HTTP contract (the API guide in docs/); request bodies, paths and parameters
 * already come typed from the generated schema.
 */
export type AbsenceType =
  | 'sick'
  | 'care_of_child'
  | 'parental_leave'
  | 'vacation'
  | 'leave_of_absence'
  | 'comp_leave'
  | 'work_injury'
  | 'care_of_relative'
  | 'pregnancy_benefit'
  | 'training'
  | 'military_service'
  | 'union_duty';

export const ABSENCE_TYPES: AbsenceType[] = [
  'sick',
  'care_of_child',
  'vacation',
  'parental_leave',
  'leave_of_absence',
  'comp_leave',
  'work_injury',
  'care_of_relative',
  'pregnancy_benefit',
  'training',
  'military_service',
  'union_duty',
];

export type AbsenceStatus = 'reported' | 'attested' | 'rejected' | 'withdrawn';

export interface Absence {
  absenceId: string;
  employeeId: string;
  departmentId: string;
  type: AbsenceType;
  from: string;
  to: string | null;
  extentPercent: number;
  status: AbsenceStatus;
  version: number;
  reportedAt: string;
  employerNotifiedAt?: string | null;
  attestedBy: string | null;
  attestedAt: string | null;
  rejectionReason?: string | null;
}

export interface CommandResult {
  absenceId?: string;
  version: number;
  position: string;
}

export interface HistoryEvent {
  version: number;
  position: string;
  type: string;
  recordedAt: string;
  actor: { sub: string; roles: string[] };
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface Notification {
  id: string;
  kind: string;
  recipient: string;
  absenceId: string | null;
  employeeId: string;
  dueAt: string;
  createdAt: string;
  details?: Record<string, unknown>;
}

export interface PendingItem {
  absenceId: string;
  employeeId: string;
  employeeName?: string | null;
  departmentId?: string;
  type: AbsenceType;
  from: string;
  to: string | null;
  extentPercent: number;
  version: number;
  reportedAt: string;
  routedFrom?: string | null;
  flags?: string[];
}

export interface Department {
  departmentId: string;
  name: string;
  parentId?: string | null;
  managerIds: string[];
  substitutes?: Array<{ employeeId: string; from: string; to: string }>;
  employees?: Array<{ employeeId: string; name: string | null }>;
}

export interface SickLeave {
  departmentId: string | null;
  months: Array<{ month: string; employees: number; scheduledHours: number; sickHours: number; ratePercent: number }>;
  total: { scheduledHours: number; sickHours: number; ratePercent: number };
}

export interface Group {
  employees: number;
  ratePercent: number | null;
  suppressed: boolean;
}

export interface AnnualReport {
  year: number;
  employees: number;
  total: { scheduledHours: number; sickHours: number; ratePercent: number | null; suppressed?: boolean };
  longTermSharePercent: number | null;
  women: Group;
  men: Group;
  age29OrYounger: Group;
  age30To49: Group;
  age50OrOlder: Group;
}

export interface LatencyFigures {
  count: number;
  lateCount: number;
  latePercent: number | null;
  medianHours: number | null;
  p90Hours?: number | null;
}

export interface Latency {
  months: Array<{ month: string; reports: LatencyFigures; returns: LatencyFigures; attestations: { count: number; medianHours: number | null; p90Hours: number | null } }>;
}

export interface Discrepancy {
  employeeId: string;
  date: string;
  kind: 'unreported_absence' | 'absent_but_working';
  observation: { source: string; recordedAt: string };
  absenceId: string | null;
}

export interface PayrollPage {
  period: string;
  status: 'open' | 'locked';
  lines: Array<{ lineId: string; employeeId: string; absenceId: string; date: string; type: string; code: string; hours: number }>;
  next: string | null;
}

export interface LockResult {
  period: string;
  status: 'locked';
  position: string;
  unattestedCases: number;
  openEarlierPeriods: string[];
}

export interface VerifyResult {
  streamsChecked: number;
  eventsChecked: number;
  ok: boolean;
  failures: Array<{ streamId: string | null; version: number | null; position: string | null; reason: string }>;
}
