import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEnvelope, parseEnvelope } from './envelope';
import { MasterKeyring, generateMasterKey, loadMasterKeyring, masterKeyFromBytes } from './master-key';
import { PersonalDataCipher } from './personal-data-cipher';
import { sealEventData } from './personal-fields';
import { rotateMasterKey } from './rotate-master-key';
import { SqliteKeyStore } from './sqlite/sqlite-key-store';

const dir = mkdtempSync(join(tmpdir(), 'cipher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function setup(options: ConstructorParameters<typeof PersonalDataCipher>[2] = {}) {
  const store = new SqliteKeyStore({ file: join(dir, `k${++n}.db`) });
  const keyring = new MasterKeyring(generateMasterKey());
  return { store, keyring, cipher: new PersonalDataCipher(store, keyring, options) };
}

describe('PersonalDataCipher', () => {
  it('seals a value as an envelope that holds no plaintext, and reveals it again anywhere in a JSON value', async () => {
    const { cipher, store } = setup();
    const sealed = await cipher.seal('E1', 'identity', 'Anna Andersson');
    expect(isEnvelope(sealed)).toBe(true);
    expect(sealed).not.toContain('Anna');
    expect(parseEnvelope(sealed as string)!.keyId).toBe('E1|identity');
    // Two seals of one value differ (fresh IV), so equal names cannot be told apart in storage.
    expect(await cipher.seal('E1', 'identity', 'Anna Andersson')).not.toBe(sealed);
    const doc = { employees: [{ employeeId: 'E1', name: sealed, note: null }], total: 1 };
    expect(await cipher.reveal(doc)).toEqual({ employees: [{ employeeId: 'E1', name: 'Anna Andersson', note: null }], total: 1 });
    await store.close();
  });

  it('after destroy, every envelope of the person reads as null, others are untouched, and new values are not stored', async () => {
    const { cipher, store } = setup();
    const name = await cipher.seal('E1', 'identity', 'Anna');
    const comment = await cipher.seal('E1', 'text-2026', 'migraine');
    const other = await cipher.seal('E2', 'identity', 'Bo');
    await cipher.reveal([name, comment]); // opened keys are cached
    expect(await cipher.destroy('E1', new Date('2026-03-01T00:00:00Z'), { erase: true })).toEqual(['E1|identity', 'E1|text-2026']);
    expect(await cipher.reveal({ name, comment, other })).toEqual({ name: null, comment: null, other: 'Bo' });
    expect(await cipher.isErased('E1')).toBe(true);
    expect(await cipher.seal('E1', 'text-2027', 'new text')).toBeNull();
    expect(await cipher.seal('E2', 'text-2027', 'kept')).not.toBeNull();
    await store.close();
  });

  it('a second process sees a destroy made by another once its cache entry expires', async () => {
    const store = new SqliteKeyStore({ file: join(dir, `shared${++n}.db`) });
    const keyring = new MasterKeyring(generateMasterKey());
    let now = 1_000_000;
    const a = new PersonalDataCipher(store, keyring, { cacheTtlMs: 5000, now: () => now });
    const b = new PersonalDataCipher(store, keyring, { cacheTtlMs: 5000, now: () => now });
    const name = await a.seal('E1', 'identity', 'Anna');
    expect(await b.reveal(name)).toBe('Anna');
    await a.destroy('E1', new Date());
    expect(await a.reveal(name)).toBeNull();
    now += 5001;
    expect(await b.reveal(name)).toBeNull();
    await store.close();
  });

  it('an envelope whose bytes were altered, or moved under another key id, reads as null', async () => {
    const { cipher, store } = setup();
    const sealed = (await cipher.seal('E1', 'identity', 'Anna')) as string;
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(await cipher.reveal([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toBeNull();
    await cipher.seal('E2', 'identity', 'Bo');
    const moved = ['pd1', Buffer.from('E2|identity').toString('base64url'), parts[2], parts[3]].join('.');
    expect(await cipher.reveal(moved)).toBeNull();
    await store.close();
  });

  it('seals exactly the personal fields of an event, under the category of the field', async () => {
    const { cipher, store } = setup();
    const at = new Date('2026-05-04T10:00:00Z');
    const employment = await sealEventData(cipher, 'EmploymentRecorded', { employeeId: 'E1', name: 'Anna', personalIdentityNumber: '199001011234', email: null, birthYear: 1990 }, 'E1', at);
    expect(employment.employeeId).toBe('E1');
    expect(employment.birthYear).toBe(1990);
    expect(employment.email).toBeNull();
    expect(parseEnvelope(employment.name as string)!.keyId).toBe('E1|identity');
    expect(parseEnvelope(employment.personalIdentityNumber as string)!.keyId).toBe('E1|identity');
    const report = await sealEventData(cipher, 'AbsenceReported', { employeeId: 'E1', comment: 'feber', from: '2026-05-04' }, 'E1', at);
    expect(parseEnvelope(report.comment as string)!.keyId).toBe('E1|text-2026');
    expect(report.from).toBe('2026-05-04');
    const raised = await sealEventData(cipher, 'NotificationRaised', { employeeId: 'E1', kind: 'absence_rejected', details: { reason: 'fel datum', day: '2026-05-04' } }, 'E1', at);
    expect(raised.kind).toBe('absence_rejected');
    expect((raised.details as { day: string }).day).toBe('2026-05-04');
    expect(parseEnvelope((raised.details as { reason: string }).reason)!.keyId).toBe('E1|text-2026');
    // A value copied from an event that is already sealed stays as it is.
    const copied = await sealEventData(cipher, 'NotificationRaised', { employeeId: 'E1', details: { reason: report.comment } }, 'E1', at);
    expect((copied.details as { reason: string }).reason).toBe(report.comment);
    const attested = { attestedVersion: 0 };
    expect(await sealEventData(cipher, 'AbsenceAttested', attested, undefined, at)).toBe(attested);
    await expect(sealEventData(cipher, 'AbsenceWithdrawn', { reason: 'x' }, undefined, at)).rejects.toThrow('without a person');
    await store.close();
  });

  it('with encryption off (for measuring its cost only) values are stored as given', async () => {
    const { cipher, store } = setup({ enabled: false });
    expect(await cipher.seal('E1', 'identity', 'Anna')).toBe('Anna');
    await store.close();
  });
});

describe('master key', () => {
  it('is made on first start in the data directory, mode 0600, and the same key is read on the next start', () => {
    const dataDir = join(dir, `data${++n}`);
    const first = loadMasterKeyring({ dataDir });
    expect(first.created).toBe(true);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const second = loadMasterKeyring({ dataDir });
    expect(second.created).toBe(false);
    expect(second.keyring.current.id).toBe(first.keyring.current.id);
  });

  it('from the environment as hex or base64; a wrong length stops with the setting named, never the value', () => {
    const bytes = Buffer.alloc(32, 7);
    const hex = loadMasterKeyring({ dataDir: dir, masterKey: bytes.toString('hex') });
    const b64 = loadMasterKeyring({ dataDir: dir, masterKey: bytes.toString('base64') });
    expect(hex.keyring.current.id).toBe(masterKeyFromBytes(bytes).id);
    expect(b64.keyring.current.id).toBe(hex.keyring.current.id);
    expect(() => loadMasterKeyring({ dataDir: dir, masterKey: 'c2hvcnQ=' })).toThrow(/^PERSONAL_DATA_MASTER_KEY must be 32 bytes/);
    try {
      loadMasterKeyring({ dataDir: dir, masterKey: 'c2hvcnQ=' });
    } catch (e) {
      expect(String(e)).not.toContain('c2hvcnQ=');
    }
  });

  it('rotation re-wraps every live key under the new master key; values sealed before open with the new key alone', async () => {
    const store = new SqliteKeyStore({ file: join(dir, `rot${++n}.db`) });
    const oldKey = generateMasterKey();
    const before = new PersonalDataCipher(store, new MasterKeyring(oldKey));
    const sealed = await Promise.all(['E1', 'E2', 'E3'].map((e) => before.seal(e, 'identity', `name of ${e}`)));
    await before.destroy('E3', new Date());
    const next = generateMasterKey();
    expect(await rotateMasterKey(store, new MasterKeyring(oldKey), next, 1)).toEqual({ rewrapped: 2, alreadyCurrent: 0, destroyed: 1 });
    expect(await rotateMasterKey(store, new MasterKeyring(next, [oldKey]), next)).toEqual({ rewrapped: 0, alreadyCurrent: 2, destroyed: 1 });
    const after = new PersonalDataCipher(store, new MasterKeyring(next));
    expect(await after.reveal(sealed)).toEqual(['name of E1', 'name of E2', null]);
    const stale = new PersonalDataCipher(store, new MasterKeyring(oldKey));
    await expect(stale.reveal(sealed[0])).rejects.toThrow(/master key/);
    await store.close();
  });

  it('a key file written by hand with another length is refused', () => {
    const dataDir = join(dir, `bad${++n}`);
    loadMasterKeyring({ dataDir });
    writeFileSync(join(dataDir, 'master.key'), 'abc\n');
    expect(() => loadMasterKeyring({ dataDir })).toThrow(/must be 32 bytes/);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8')).toBe('abc\n');
  });
});
