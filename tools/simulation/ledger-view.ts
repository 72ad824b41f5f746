import type { AbsenceStatus, AbsenceType } from '@ledger/domain';
import type { Day } from './days';
import { employmentOn } from './organisation';
import type { CasePlan } from './reporting';

/** A case as the simulated clients know it from the answers to their own commands. */
export interface CaseView {
  absenceId: string;
  employeeId: string;
  departmentId: string;
  type: AbsenceType;
  from: Day;
  /** null: open-ended until the return report. */
  to: Day | null;
  extentPercent: number;
  version: number;
  status: AbsenceStatus;
  withdrawn: boolean;
  attestedVersion: number | null;
  pendingAttestation: boolean;
  /** The report was cut short of the next registered absence; the return becomes a correction of `to`. */
  cappedTo: boolean;
  /** The wrong field of the first report is still wrong. */
  errorPending: boolean;
  plan: CasePlan;
}

export interface RecordedEmployment {
  effectiveFrom: Day;
  departmentId: string;
}

/**
 * The simulator's picture of the ledger: the cases it created (updated from each command's answer,
 * the way a client keeps its own state) and the employments it recorded. Commands for one employee
 * run one after another, so an employee's part of this picture is always in step with the ledger.
 */
export class LedgerView {
  readonly cases = new Map<string, CaseView>();
  private readonly byEmployee = new Map<string, CaseView[]>();
  private readonly pending = new Map<string, Set<CaseView>>();
  private readonly employments = new Map<string, RecordedEmployment[]>();

  recordEmployment(employeeId: string, employment: RecordedEmployment): void {
    const list = (this.employments.get(employeeId) ?? []).filter((e) => e.effectiveFrom !== employment.effectiveFrom);
    list.push(employment);
    list.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
    this.employments.set(employeeId, list);
  }

  /** The department the ledger places the employee in on `day` (as employmentOnDate does), if recorded. */
  departmentOn(employeeId: string, day: Day): string | undefined {
    const list = this.employments.get(employeeId);
    return list && list.length > 0 ? employmentOn(list, day).departmentId : undefined;
  }

  casesOf(employeeId: string): readonly CaseView[] {
    return this.byEmployee.get(employeeId) ?? [];
  }

  /** Cases of a department whose current version waits for attestation. */
  pendingIn(departmentId: string): CaseView[] {
    return [...(this.pending.get(departmentId) ?? [])];
  }

  allPending(): number {
    let n = 0;
    for (const s of this.pending.values()) n += s.size;
    return n;
  }

  add(c: CaseView): void {
    this.cases.set(c.absenceId, c);
    const list = this.byEmployee.get(c.employeeId) ?? [];
    list.push(c);
    this.byEmployee.set(c.employeeId, list);
    this.refile(c, undefined);
  }

  /** Applies a successful command's effect (the same transitions as the absence decider's evolve). */
  update(c: CaseView, change: (c: CaseView) => void): void {
    const before = c.departmentId;
    change(c);
    this.refile(c, before);
  }

  private refile(c: CaseView, previousDepartment: string | undefined): void {
    if (previousDepartment !== undefined) this.pending.get(previousDepartment)?.delete(c);
    if (!attestable(c)) return;
    let set = this.pending.get(c.departmentId);
    if (!set) this.pending.set(c.departmentId, (set = new Set()));
    set.add(c);
  }
}

/** A manager can attest it now: its latest version waits, it is not returned for correction, and it holds facts. */
export function attestable(c: CaseView): boolean {
  return c.pendingAttestation && c.status !== 'rejected' && !(c.withdrawn && c.attestedVersion === null);
}

/** The facts changed: the case needs a new attestation. */
export function reopened(c: CaseView): void {
  c.status = c.withdrawn ? 'withdrawn' : 'reported';
  c.pendingAttestation = true;
}
