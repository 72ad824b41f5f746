import type { DomainError } from '@ledger/domain';

/** Counters of one run: what was written, what the rules refused, and the realism figures. */
export class SimulationStats {
  /** Commands that succeeded, by command name. */
  readonly ok: Record<string, number> = {};
  /** Commands a rule refused, by "command: kind" (e.g. "report_absence: conflict"). */
  readonly refused: Record<string, number> = {};
  /** The first message of each kind of refusal. */
  readonly refusalExamples: Record<string, string> = {};
  /** Sick and VAB reports accepted, and those first recorded after the end of the first absence day. */
  reportsUnplanned = 0;
  reportsLate = 0;
  reportsByManager = 0;
  reportsByHr = 0;
  returnsLate = 0;
  returnsByManager = 0;
  correctionsAfterAttestation = 0;
  attestationsAfterCutoff = 0;
  attestationsWithinWeek = 0;
  /** Friskanmälan sent only because the employee reported a new absence (the old one was still open). */
  returnsPromptedByNewReport = 0;
  /** Planned reports put off until the employee's open sick leave ended (the open case blocks every later day). */
  reportsPostponed = 0;
  /** Open-ended reports given a last day before the next registered absence (an open case would overlap it). */
  reportsCappedBeforeNextAbsence = 0;

  succeeded(name: string): void {
    this.ok[name] = (this.ok[name] ?? 0) + 1;
  }

  refusedBy(name: string, error: DomainError): void {
    const key = `${name}: ${error.kind}`;
    this.refused[key] = (this.refused[key] ?? 0) + 1;
    this.refusalExamples[key] ??= error.message;
  }

  get refusedTotal(): number {
    return Object.values(this.refused).reduce((a, b) => a + b, 0);
  }

  count(name: string): number {
    return this.ok[name] ?? 0;
  }

  /** A copy of the counters, to tell one month from the next. */
  snapshot(): Record<string, number> {
    return { ...this.ok, refused: this.refusedTotal, reportsLate: this.reportsLate, returnsLate: this.returnsLate };
  }
}

export interface MonthProgress {
  month: string;
  employees: number;
  events: number;
  eventsTotal: number;
  reports: number;
  lateReports: number;
  returns: number;
  lateReturns: number;
  attestations: number;
  observations: number;
  refused: number;
  seconds: number;
}

export function formatMonth(p: MonthProgress): string {
  const rate = p.seconds > 0 ? Math.round(p.events / p.seconds) : p.events;
  return (
    `${p.month}  employees ${p.employees}  events +${p.events} (${p.eventsTotal} in all)  ` +
    `reports ${p.reports} (late ${p.lateReports})  returns ${p.returns} (late ${p.lateReturns})  ` +
    `attestations ${p.attestations}  observations ${p.observations}  refused ${p.refused}  ${rate} events/s`
  );
}

export function monthProgress(
  month: string,
  employees: number,
  before: Record<string, number>,
  after: Record<string, number>,
  events: number,
  eventsTotal: number,
  seconds: number,
): MonthProgress {
  const d = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
  return {
    month,
    employees,
    events,
    eventsTotal,
    reports: d('report_absence'),
    lateReports: d('reportsLate'),
    returns: d('report_return'),
    lateReturns: d('returnsLate'),
    attestations: d('attest_absence'),
    observations: d('record_observation'),
    refused: d('refused'),
    seconds,
  };
}
