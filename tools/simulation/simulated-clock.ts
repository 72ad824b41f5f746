import { AsyncLocalStorage } from 'node:async_hooks';
import { ManualClock } from '@ledger/ledger';

/**
 * The simulator's clock. Each simulated command runs inside `at(instant, work)` and every `now()`
 * the command path asks for while that command runs (the pipeline's `recordedAt`, the deciders'
 * "today") answers the command's own instant, so employees' commands can run side by side, each at
 * its own simulated time. Outside a command it is a ManualClock that the day loop moves forward.
 */
export class SimulatedClock extends ManualClock {
  private readonly scope = new AsyncLocalStorage<number>();

  constructor(start: Date) {
    super(start);
  }

  override now(): Date {
    const instant = this.scope.getStore();
    return instant === undefined ? super.now() : new Date(instant);
  }

  /** Runs `work` with the clock standing at `instantMs` for everything it awaits. */
  at<T>(instantMs: number, work: () => Promise<T>): Promise<T> {
    return this.scope.run(instantMs, work);
  }
}
