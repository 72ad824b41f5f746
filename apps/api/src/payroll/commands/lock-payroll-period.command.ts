import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, LockPayrollPeriod, payrollPeriodDecider, payrollPeriodStreamId } from '@ledger/domain';
import { CommandPipeline, ProjectionsService } from '@ledger/ledger';
import { PAYROLL_PROJECTION_NAME, PENDING_COLLECTION, PayrollReadModel, PendingCase } from '@ledger/projections';

export interface LockPayrollPeriodResult {
  period: string;
  status: 'locked';
  version: number;
  position: string;
  /** Cases with days in the period whose latest version waits for attestation: paid later, as adjustments. */
  unattestedCases: number;
  /** Months before this one, from the earliest locked period on, that are not locked. */
  openEarlierPeriods: string[];
}

/** Pending cases are read this many at a time. */
const PAGE = 1000;
/** openEarlierPeriods looks back at most this many months. */
const MAX_LOOKBACK_MONTHS = 120;

/** Payroll locks a period after its run (lönekörning); later changes to it become adjustment lines. */
export class LockPayrollPeriodCommand {
  constructor(
    readonly actor: Actor,
    readonly period: string,
    readonly idempotencyKey?: string,
  ) {}
}

@CommandHandler(LockPayrollPeriodCommand)
export class LockPayrollPeriodHandler implements ICommandHandler<LockPayrollPeriodCommand, LockPayrollPeriodResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly projections: ProjectionsService,
  ) {}

  async execute({ actor, period, idempotencyKey }: LockPayrollPeriodCommand): Promise<LockPayrollPeriodResult> {
    const command: LockPayrollPeriod = { period };
    const outcome = await this.pipeline.run({
      name: 'lock_payroll_period',
      streamId: payrollPeriodStreamId(period),
      decider: payrollPeriodDecider,
      command,
      actor,
      idempotencyKey,
      request: { period },
      context: async (_state, now) => ({ actor, now }),
    });
    // Locking again records nothing and answers the position of the lock.
    return {
      period,
      status: 'locked',
      version: outcome.version,
      position: outcome.position.toString(),
      unattestedCases: await this.unattestedCases(period),
      openEarlierPeriods: await this.openEarlierPeriods(period),
    };
  }

  /**
   * From the absences read model's waiting cases, keyed by first day: those that start by the end
   * of the period and end (or run open) on or after its first day.
   */
  private async unattestedCases(period: string): Promise<number> {
    const first = `${period}-01`;
    const last = `${period}-31`;
    const store = this.projections.readStore;
    const ns = this.projections.namespaceOf('absences');
    let count = 0;
    let after: string | undefined;
    for (;;) {
      const docs = await store.scan<PendingCase>(ns, PENDING_COLLECTION, { after, limit: PAGE });
      for (const d of docs) {
        if (d.value.from > last) return count;
        if ((d.value.to ?? '9999-12-31') >= first) count++;
      }
      if (docs.length < PAGE) return count;
      after = docs[docs.length - 1].key;
    }
  }

  /** Months between the earliest locked period (as the payroll read model knows) and this one that are still open. */
  private async openEarlierPeriods(period: string): Promise<string[]> {
    const meta = await new PayrollReadModel(this.projections.readStore, this.projections.namespaceOf(PAYROLL_PROJECTION_NAME)).meta();
    const earliest = meta.locked.find((m) => m < period);
    if (earliest === undefined) return [];
    const locked = new Set(meta.locked);
    const open: string[] = [];
    for (let m = previousMonth(period), n = 0; m >= earliest && n < MAX_LOOKBACK_MONTHS; m = previousMonth(m), n++) {
      if (!locked.has(m)) open.push(m);
    }
    return open.sort();
  }
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
