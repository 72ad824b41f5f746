import { Pool } from 'pg';
import type { KeyStore, StoredKey } from '../key-store.port';

interface Row {
  key_id: string;
  subject: string;
  category: string;
  wrapped: string | null;
  master_key_id: string | null;
  created_at: string;
  destroyed_at: string | null;
}

const toKey = (r: Row): StoredKey => ({
  keyId: r.key_id,
  subject: r.subject,
  category: r.category,
  wrapped: r.wrapped,
  masterKeyId: r.master_key_id,
  createdAt: r.created_at,
  destroyedAt: r.destroyed_at,
});

/**
 * The key store as a PostgreSQL table of its own (`personal_data_keys`), for the postgres
 * profile. Give it its own schema or database and role where the events live elsewhere, so a
 * reader of the event tables does not also hold the keys.
 */
export class PostgresqlKeyStore implements KeyStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private ready: Promise<void> | undefined;

  constructor(options: { connectionString: string } | { pool: Pool }) {
    if ('pool' in options) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      this.pool = new Pool({ connectionString: options.connectionString, max: 4 });
      this.ownsPool = true;
    }
  }

  private init(): Promise<void> {
    this.ready ??= this.pool
      .query(
        `CREATE TABLE IF NOT EXISTS personal_data_keys (
          key_id TEXT PRIMARY KEY,
          subject TEXT NOT NULL,
          category TEXT NOT NULL,
          wrapped TEXT,
          master_key_id TEXT,
          created_at TEXT NOT NULL,
          destroyed_at TEXT
        );
        CREATE INDEX IF NOT EXISTS personal_data_keys_subject ON personal_data_keys(subject);`,
      )
      .then(() => undefined);
    return this.ready;
  }

  async getMany(keyIds: readonly string[]): Promise<Map<string, StoredKey>> {
    await this.init();
    const out = new Map<string, StoredKey>();
    if (keyIds.length === 0) return out;
    const { rows } = await this.pool.query<Row>('SELECT * FROM personal_data_keys WHERE key_id = ANY($1)', [keyIds]);
    for (const r of rows) out.set(r.key_id, toKey(r));
    return out;
  }

  async insertIfAbsent(key: StoredKey): Promise<StoredKey> {
    await this.init();
    await this.pool.query('INSERT INTO personal_data_keys VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key_id) DO NOTHING', [
      key.keyId,
      key.subject,
      key.category,
      key.wrapped,
      key.masterKeyId,
      key.createdAt,
      key.destroyedAt,
    ]);
    const { rows } = await this.pool.query<Row>('SELECT * FROM personal_data_keys WHERE key_id = $1', [key.keyId]);
    return toKey(rows[0]);
  }

  async listSubject(subject: string): Promise<StoredKey[]> {
    await this.init();
    const { rows } = await this.pool.query<Row>('SELECT * FROM personal_data_keys WHERE subject = $1 ORDER BY key_id COLLATE "C"', [subject]);
    return rows.map(toKey);
  }

  async destroy(subject: string, destroyedAt: string, categories?: readonly string[]): Promise<string[]> {
    await this.init();
    const { rows } = await this.pool.query<{ key_id: string }>(
      `UPDATE personal_data_keys SET wrapped = NULL, master_key_id = NULL, destroyed_at = $2
       WHERE subject = $1 AND destroyed_at IS NULL AND ($3::text[] IS NULL OR category = ANY($3))
       RETURNING key_id`,
      [subject, destroyedAt, categories ? [...categories] : null],
    );
    return rows.map((r) => r.key_id).sort();
  }

  async scan(after: string | undefined, limit: number): Promise<StoredKey[]> {
    await this.init();
    const { rows } = await this.pool.query<Row>(
      'SELECT * FROM personal_data_keys WHERE $1::text IS NULL OR key_id COLLATE "C" > $1 ORDER BY key_id COLLATE "C" LIMIT $2',
      [after ?? null, limit],
    );
    return rows.map(toKey);
  }

  async rewrap(keyId: string, fromMasterKeyId: string, wrapped: string, toMasterKeyId: string): Promise<boolean> {
    await this.init();
    const r = await this.pool.query(
      'UPDATE personal_data_keys SET wrapped = $1, master_key_id = $2 WHERE key_id = $3 AND master_key_id = $4 AND destroyed_at IS NULL',
      [wrapped, toMasterKeyId, keyId, fromMasterKeyId],
    );
    return r.rowCount === 1;
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
