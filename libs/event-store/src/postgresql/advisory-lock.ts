import { Client } from 'pg';
import { ADVISORY_LOCK_CLASS } from './migrations';

export interface AdvisoryLockOptions {
  connectionString: string;
  /** The lock's object key (the class is this service's). */
  object: number;
  /** How often a waiter tries again, and how often a holder checks it still holds the lock (default 1000 ms). */
  intervalMs?: number;
  /** Called once when a held lock is lost (its connection broke): the holder must stop what the lock guards. */
  onLost?: (error: unknown) => void;
}

/**
 * A PostgreSQL session-level advisory lock on a dedicated connection: held as long as that
 * connection lives. When the holding process dies (kill -9 included) the server ends its session
 * and the lock is free for the next one that tries. The projector uses it so that two projectors
 * never apply the same projections at once, and a standby takes over when the first dies.
 */
export class AdvisoryLock {
  private client: Client | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private released = false;
  private held = false;

  constructor(private readonly options: AdvisoryLockOptions) {}

  get isHeld(): boolean {
    return this.held;
  }

  /** Waits until this process holds the lock (or release() is called: then resolves false). */
  async acquire(onWaiting?: () => void): Promise<boolean> {
    let told = false;
    while (!this.released) {
      try {
        if (await this.tryOnce()) return true;
      } catch {
        // The server is not answering: wait and try again.
      }
      if (!told) {
        told = true;
        onWaiting?.();
      }
      await new Promise((r) => setTimeout(r, this.options.intervalMs ?? 1000));
    }
    return false;
  }

  private async tryOnce(): Promise<boolean> {
    if (!this.client) {
      const client = new Client({ connectionString: this.options.connectionString, keepAlive: true, connectionTimeoutMillis: 5000 });
      client.on('error', (error) => this.lost(error));
      client.on('end', () => this.lost(new Error('the lock connection ended')));
      await client.connect();
      this.client = client;
    }
    const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [ADVISORY_LOCK_CLASS, this.options.object]);
    if (!rows[0].ok) return false;
    this.held = true;
    this.checkTimer = setInterval(() => {
      this.client?.query('SELECT 1').catch((error: unknown) => this.lost(error));
    }, this.options.intervalMs ?? 1000);
    this.checkTimer.unref();
    return true;
  }

  private lost(error: unknown): void {
    const client = this.client;
    this.client = undefined;
    clearInterval(this.checkTimer);
    client?.end().catch(() => undefined);
    if (this.held && !this.released) {
      this.held = false;
      this.options.onLost?.(error);
    }
  }

  async release(): Promise<void> {
    this.released = true;
    clearInterval(this.checkTimer);
    const client = this.client;
    this.client = undefined;
    this.held = false;
    if (client) await client.end().catch(() => undefined);
  }
}
