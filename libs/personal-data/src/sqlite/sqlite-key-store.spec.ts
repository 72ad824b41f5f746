import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyStoreContract } from '../testing/key-store.contract';
import { SqliteKeyStore } from './sqlite-key-store';

const dir = mkdtempSync(join(tmpdir(), 'key-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

keyStoreContract('SQLite file', async () => new SqliteKeyStore({ file: join(dir, `keys-${++n}.db`) }));

describe('SqliteKeyStore file', () => {
  it('is readable by its owner only, and a destroyed key leaves no bytes in the file', async () => {
    const file = join(dir, 'shred.db');
    const store = new SqliteKeyStore({ file });
    const marker = 'WRAPPEDKEYMARKER'.repeat(4);
    await store.insertIfAbsent({ keyId: 'E1|identity', subject: 'E1', category: 'identity', wrapped: marker, masterKeyId: 'm', createdAt: 'x', destroyedAt: null });
    const onDisk = () => [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(marker));
    expect(onDisk()).toBe(true);
    await store.destroy('E1', '2026-01-01T00:00:00.000Z');
    // While the store is open: neither the file nor its WAL holds the key.
    for (const f of [file, `${file}-wal`]) if (existsSync(f)) expect({ f, found: readFileSync(f).includes(marker) }).toEqual({ f, found: false });
    await store.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(marker)).toBe(false);
  });
});
