import { createCipheriv, createDecipheriv, hash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_KEY_BYTES } from './envelope';

/**
 * The master key wraps (encrypts) every data key in the key store, so a copy of the key store
 * alone reads nothing. It never sits beside the keys: it comes from the environment
 * (PERSONAL_DATA_MASTER_KEY, 32 bytes as base64 or 64 hex digits) or, in the embedded profile,
 * from the file `master.key` in the data directory, made on first start, readable by its owner only.
 *
 * Rotation re-wraps every data key under a new master key (`npm run rotate-master-key`); while it
 * runs, the keyring opens keys wrapped under either (PERSONAL_DATA_MASTER_KEY_PREVIOUS).
 */
export interface MasterKey {
  /** The first 16 hex digits of sha256 of the key: names it in each wrapped record, reveals nothing. */
  id: string;
  key: Buffer;
}

export class MasterKeyring {
  private readonly byId = new Map<string, MasterKey>();

  constructor(
    readonly current: MasterKey,
    previous: readonly MasterKey[] = [],
  ) {
    for (const k of [current, ...previous]) this.byId.set(k.id, k);
  }

  /** AES-256-GCM under the current master key, the data key's id as AAD: `<iv>.<ciphertext+tag>` (base64url). */
  wrap(dataKey: Buffer, keyId: string): { wrapped: string; masterKeyId: string } {
    return { wrapped: wrapUnder(this.current, dataKey, keyId), masterKeyId: this.current.id };
  }

  unwrap(wrapped: string, keyId: string, masterKeyId: string): Buffer {
    const master = this.byId.get(masterKeyId);
    if (!master) throw new Error(`data key ${keyId} is wrapped under master key ${masterKeyId}, which this process does not hold`);
    const [iv, body] = wrapped.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', master.key, iv);
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    const key = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
    if (key.length !== DATA_KEY_BYTES) throw new Error(`data key ${keyId} has the wrong length`);
    return key;
  }

  holds(masterKeyId: string): boolean {
    return this.byId.has(masterKeyId);
  }
}

function wrapUnder(master: MasterKey, dataKey: Buffer, keyId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function masterKeyFromBytes(key: Buffer): MasterKey {
  if (key.length !== 32) throw new Error('a master key is 32 bytes');
  return { id: hash('sha256', key, 'hex').slice(0, 16), key };
}

/** Parses 32 bytes given as 64 hex digits or base64; throws with the setting's name, never the value. */
export function parseMasterKey(name: string, text: string): MasterKey {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes, as 64 hex digits or base64`);
  return masterKeyFromBytes(bytes);
}

export function generateMasterKey(): MasterKey {
  return masterKeyFromBytes(randomBytes(32));
}

export const MASTER_KEY_FILE = 'master.key';
/** Written by the rotation command before it re-wraps: a crash half-way leaves both keys readable. */
export const NEXT_MASTER_KEY_FILE = 'master.key.next';

/** Writes a key file readable by its owner only (0600), atomically (temporary file, then rename). */
export function writeKeyFile(file: string, key: MasterKey): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${key.key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function readKeyFile(file: string): MasterKey {
  return parseMasterKey(file, readFileSync(file, 'utf8'));
}

export interface MasterKeySettings {
  /** PERSONAL_DATA_MASTER_KEY */
  masterKey?: string;
  /** PERSONAL_DATA_MASTER_KEY_PREVIOUS: comma-separated keys still accepted for unwrapping. */
  previousMasterKeys?: string;
  dataDir: string;
}

/**
 * The keyring this process uses. With PERSONAL_DATA_MASTER_KEY set it is that key (plus the
 * previous ones); without it, the data directory's `master.key`, made on first start (0600, the
 * directory 0700 when this creates it). A `master.key.next` left by an interrupted rotation is
 * accepted for unwrapping too.
 */
export function loadMasterKeyring(settings: MasterKeySettings): { keyring: MasterKeyring; source: 'environment' | 'file'; created: boolean } {
  const previous = (settings.previousMasterKeys ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s, i) => parseMasterKey(`PERSONAL_DATA_MASTER_KEY_PREVIOUS[${i}]`, s));
  if (settings.masterKey) {
    return { keyring: new MasterKeyring(parseMasterKey('PERSONAL_DATA_MASTER_KEY', settings.masterKey), previous), source: 'environment', created: false };
  }
  if (!existsSync(settings.dataDir)) mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  const file = join(settings.dataDir, MASTER_KEY_FILE);
  const next = join(settings.dataDir, NEXT_MASTER_KEY_FILE);
  let created = false;
  if (!existsSync(file)) {
    writeKeyFile(file, generateMasterKey());
    created = true;
  }
  const extra = existsSync(next) ? [readKeyFile(next)] : [];
  return { keyring: new MasterKeyring(readKeyFile(file), [...extra, ...previous]), source: 'file', created };
}
