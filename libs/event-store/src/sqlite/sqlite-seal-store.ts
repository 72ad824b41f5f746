import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SealRow, SealStore } from '../seal/seal-store';

interface Row {
  seq: bigint;
  position: string;
  stream_id: string;
  revision: bigint;
  mac: Buffer;
  link: Buffer;
}

const toSealRow = (r: Row): SealRow => ({
  seq: Number(r.seq),
  position: BigInt(r.position),
  streamId: r.stream_id,
  revision: r.revision,
  mac: r.mac,
  link: r.link,
});

/** The seal in a SQLite file of its own (the embedded profile: `audit-seal.db` in the data directory, mode 0600). */
export class SqliteSealStore implements SealStore {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly insertMany: (rows: readonly SealRow[]) => void;

  constructor(options: { file: string }) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
    const created = options.file !== ':memory:' && !existsSync(options.file);
    this.db = new Database(options.file);
    if (created) chmodSync(options.file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS seal (
        seq INTEGER PRIMARY KEY,
        position TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        mac BLOB NOT NULL,
        link BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS seal_stream ON seal (stream_id, revision);
    `);
    const prepare = <P extends unknown[]>(sql: string) => this.db.prepare<P, Row>(sql).safeIntegers(true);
    this.stmt = {
      head: prepare<[]>('SELECT * FROM seal ORDER BY seq DESC LIMIT 1'),
      after: prepare<[number, number]>('SELECT * FROM seal WHERE seq > ? ORDER BY seq LIMIT ?'),
      ofStream: prepare<[string]>('SELECT * FROM seal WHERE stream_id = ? ORDER BY revision'),
      insert: this.db.prepare('INSERT INTO seal (seq, position, stream_id, revision, mac, link) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    this.insertMany = this.db.transaction((rows: readonly SealRow[]) => {
      for (const r of rows) this.stmt.insert.run(r.seq, r.position.toString(), r.streamId, r.revision, r.mac, r.link);
    });
  }

  async head(): Promise<SealRow | undefined> {
    const r = this.stmt.head.get();
    return r ? toSealRow(r) : undefined;
  }

  async append(rows: readonly SealRow[]): Promise<void> {
    if (rows.length > 0) this.insertMany(rows);
  }

  async readAfter(afterSeq: number, maxCount: number): Promise<SealRow[]> {
    return this.stmt.after.all(afterSeq, maxCount).map(toSealRow);
  }

  async rowsOfStream(streamId: string): Promise<SealRow[]> {
    return this.stmt.ofStream.all(streamId).map(toSealRow);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** For tests that tamper with the seal itself. */
  get database(): Database.Database {
    return this.db;
  }
}
