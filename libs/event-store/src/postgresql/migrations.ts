import type { Pool, PoolClient } from 'pg';

/**
 * The event store's schema, created and migrated by the service itself on start.
 *
 * Each migration runs once, in its own transaction, and is recorded in `ledger_schema_migrations`.
 * The whole run holds a session-level advisory lock, so two processes starting at once (two API
 * processes and a projector after a deploy) take turns: the second waits, then finds everything
 * applied. Without the lock, two `CREATE TABLE IF NOT EXISTS` racing can both pass the check and
 * one fails on the catalog's unique index.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Advisory-lock keys of this service (two-int form: the class, then the object). */
export const ADVISORY_LOCK_CLASS = 0x4c454447; // 'LEDG'
export const MIGRATION_LOCK_OBJECT = 1;
export const PROJECTOR_LOCK_OBJECT = 2;

/**
 * Positions: `transaction id × 65 536 + ordinal`, the ordinal of the event in its append (1 …
 * 65 535). See docs/postgresql.md for why the position is made of the transaction id.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      CREATE TABLE ledger_events (
        position   bigint PRIMARY KEY CHECK (position > 0),
        stream_id  text   NOT NULL CHECK (length(stream_id) BETWEEN 1 AND 500),
        revision   bigint NOT NULL CHECK (revision >= 0),
        event_id   text   NOT NULL,
        type       text   NOT NULL,
        data       json   NOT NULL,
        metadata   json   NOT NULL,
        CONSTRAINT ledger_events_stream_revision UNIQUE (stream_id, revision),
        CONSTRAINT ledger_events_event_id UNIQUE (event_id)
      );
      COMMENT ON TABLE ledger_events IS 'The event log. position = top-level transaction id * 65536 + ordinal in the append; read only below pg_snapshot_xmin(pg_current_snapshot()) * 65536.';
    `,
  },
];

export interface MigrationResult {
  /** Versions this call applied (empty when another process had applied them already). */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

/** Applies the missing migrations under the advisory lock; safe to call from many processes at once. */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [ADVISORY_LOCK_CLASS, MIGRATION_LOCK_OBJECT]);
    try {
      return await applyMissing(client, migrations);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [ADVISORY_LOCK_CLASS, MIGRATION_LOCK_OBJECT]);
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // A connection that failed mid-migration may still hold the session lock: close it, do not pool it.
    client.release(broken);
  }
}

async function applyMissing(client: PoolClient, migrations: readonly Migration[]): Promise<MigrationResult> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS ledger_schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const done = new Set((await client.query<{ version: number }>('SELECT version FROM ledger_schema_migrations')).rows.map((r) => r.version));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    await client.query('BEGIN');
    try {
      await client.query(m.sql);
      await client.query('INSERT INTO ledger_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`migration ${m.version} (${m.name}) failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    applied.push(m.version);
  }
  const version = Math.max(0, ...done, ...applied);
  return { applied, version };
}
