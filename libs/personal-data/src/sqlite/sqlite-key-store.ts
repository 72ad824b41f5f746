import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
 * The embedded key store: its own SQLite file (`keys.db`), apart from the events, readable by
 * its owner only. `secure_delete` overwrites a destroyed key's bytes in the file instead of only
 * unlinking the page, and a destroy ends with a checkpoint that truncates the WAL, so a shredded
 * key does not linger in either file.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(options: { file: string }) {
    const isFile = options.file !== ':memory:';
    if (isFile) mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
    const existed = isFile && existsSync(options.file);
    this.db = new Database(options.file);
    if (isFile && !existed) chmodSync(options.file, 0o600);
    // WAL with synchronous=FULL: one fsync per committed key (a rollback journal took three).
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
      key_id TEXT PRIMARY KEY,
      subject TEXT NOT NULL,
      category TEXT NOT NULL,
      wrapped TEXT,
      master_key_id TEXT,
      created_at TEXT NOT NULL,
      destroyed_at TEXT
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS personal_data_keys_subject ON personal_data_keys(subject);`);
    this.stmt = {
      get: this.db.prepare<[string], Row>('SELECT * FROM personal_data_keys WHERE key_id = ?'),
      insert: this.db.prepare<[string, string, string, string | null, string | null, string, string | null]>(
        'INSERT OR IGNORE INTO personal_data_keys VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      subject: this.db.prepare<[string], Row>('SELECT * FROM personal_data_keys WHERE subject = ? ORDER BY key_id'),
      destroy: this.db.prepare<[string, string]>(
        'UPDATE personal_data_keys SET wrapped = NULL, master_key_id = NULL, destroyed_at = ? WHERE key_id = ? AND destroyed_at IS NULL',
      ),
      scanFirst: this.db.prepare<[number], Row>('SELECT * FROM personal_data_keys ORDER BY key_id LIMIT ?'),
      scanAfter: this.db.prepare<[string, number], Row>('SELECT * FROM personal_data_keys WHERE key_id > ? ORDER BY key_id LIMIT ?'),
      rewrap: this.db.prepare<[string, string, string, string]>(
        'UPDATE personal_data_keys SET wrapped = ?, master_key_id = ? WHERE key_id = ? AND master_key_id = ? AND destroyed_at IS NULL',
      ),
    };
  }

  async getMany(keyIds: readonly string[]): Promise<Map<string, StoredKey>> {
    const out = new Map<string, StoredKey>();
    for (const id of keyIds) {
      const row = this.stmt.get.get(id);
      if (row) out.set(id, toKey(row));
    }
    return out;
  }

  async insertIfAbsent(key: StoredKey): Promise<StoredKey> {
    this.stmt.insert.run(key.keyId, key.subject, key.category, key.wrapped, key.masterKeyId, key.createdAt, key.destroyedAt);
    return toKey(this.stmt.get.get(key.keyId)!);
  }

  async listSubject(subject: string): Promise<StoredKey[]> {
    return this.stmt.subject.all(subject).map(toKey);
  }

  async destroy(subject: string, destroyedAt: string, categories?: readonly string[]): Promise<string[]> {
    const run = this.db.transaction(() => {
      const destroyed: string[] = [];
      for (const row of this.stmt.subject.all(subject)) {
        if (row.destroyed_at !== null) continue;
        if (categories && !categories.includes(row.category)) continue;
        if (this.stmt.destroy.run(destroyedAt, row.key_id).changes === 1) destroyed.push(row.key_id);
      }
      return destroyed;
    });
    const destroyed = run();
    // The destroyed keys' old pages are overwritten in the database file (secure_delete) once the
    // WAL is checkpointed; TRUNCATE then empties the WAL, so no copy of them is left in it either.
    if (destroyed.length > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return destroyed;
  }

  async scan(after: string | undefined, limit: number): Promise<StoredKey[]> {
    const rows = after === undefined ? this.stmt.scanFirst.all(limit) : this.stmt.scanAfter.all(after, limit);
    return rows.map(toKey);
  }

  async rewrap(keyId: string, fromMasterKeyId: string, wrapped: string, toMasterKeyId: string): Promise<boolean> {
    return this.stmt.rewrap.run(wrapped, toMasterKeyId, keyId, fromMasterKeyId).changes === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
