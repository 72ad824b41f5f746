import type { RecordedEvent } from '@ledger/event-store';
import type { UnitOfWork } from './unit-of-work';

/**
 * A projection folds the global log into read models. `apply` reads and writes through the
 * unit of work only, so the runtime can commit a whole batch and the checkpoint atomically, and
 * replaying an event twice leaves the same documents (every write is a put of a whole document).
 */
export interface Projection {
  /** Stable name; the read models live in the namespace `<name>@v<version>`. */
  readonly name: string;
  /** Bump when `apply` changes meaning: the runtime rebuilds side by side and swaps in. */
  readonly version: number;
  /** Event types this projection reads; others are skipped without a call. */
  readonly eventTypes: ReadonlySet<string>;
  apply(event: RecordedEvent, uow: UnitOfWork): Promise<void>;
}
