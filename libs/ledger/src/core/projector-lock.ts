import { Inject, Injectable, Logger } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';

type Lock = import('@ledger/event-store/postgresql').AdvisoryLock;

/** `idle`: needed, but this process does not run projections (an API with LEDGER_RUN=api, a worker). */
export type ProjectorLockState = 'not-needed' | 'idle' | 'standby' | 'holding' | 'released';

/**
 * The projector lock of the `postgres` profile: only the process that holds it applies the
 * projections, so two projectors (or a projector and `npm run rebuild`) never apply the same
 * projection at once. It is a PostgreSQL session advisory lock on a connection of its own: when the
 * holder dies (kill -9 too) its session ends and a standby takes the lock within a second.
 *
 * A holder whose lock connection breaks stops the process at once (exit code 1): it can no longer
 * know whether another one took over, and must not commit another batch. Its supervisor restarts it.
 * Other event stores need no lock here (SQLite is one process; EventStoreDB deployments run one projector).
 */
@Injectable()
export class ProjectorLock {
  private readonly logger = new Logger('ProjectorLock');
  private lock: Lock | undefined;
  private current: ProjectorLockState;
  /** Replaced in tests; the process stops when a held lock is lost. */
  onLost: () => void = () => process.exit(1);

  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    this.current = config.eventStore === 'postgresql' ? 'idle' : 'not-needed';
  }

  get needed(): boolean {
    return this.current !== 'not-needed';
  }

  get state(): ProjectorLockState {
    return this.current;
  }

  /** Resolves once this process holds the lock (at once when none is needed); false when released while waiting. */
  async acquire(): Promise<boolean> {
    if (!this.needed) return true;
    this.current = 'standby';
    const { AdvisoryLock, PROJECTOR_LOCK_OBJECT } = await import('@ledger/event-store/postgresql');
    this.lock = new AdvisoryLock({
      connectionString: this.config.databaseUrl!,
      object: PROJECTOR_LOCK_OBJECT,
      onLost: (error) => {
        this.current = 'released';
        this.logger.error(`projector lock lost (${error instanceof Error ? error.message : String(error)}): stopping, so that no two projectors apply the same events`);
        this.onLost();
      },
    });
    const held = await this.lock.acquire(() => this.logger.log('another process holds the projector lock: standing by'));
    if (held) {
      this.current = 'holding';
      this.logger.log('projector lock taken: applying the projections');
    }
    return held;
  }

  async release(): Promise<void> {
    if (!this.needed) return;
    this.current = 'released';
    await this.lock?.release();
  }
}
