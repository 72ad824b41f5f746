import { KeyObject, createHmac, createPrivateKey, createPublicKey, randomBytes, sign, verify, hash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the embedded profile keeps the generated key: the data directory, readable by the owner only. */
export const SEAL_KEY_FILE = 'audit-signing.key';
/** The least key material accepted (AUDIT_SIGNING_KEY), in bytes. */
export const MIN_SEAL_KEY_BYTES = 32;

/**
 * The audit key. One secret (AUDIT_SIGNING_KEY, or the generated file) gives two keys, derived with
 * HMAC-SHA256 under fixed labels: the MAC key of the seal chain and the seed of an Ed25519 key that
 * signs digests. The event store never holds either.
 */
export class SealKey {
  private constructor(
    /** HMAC's inner block K ⊕ ipad, which is chosen to be 64 ASCII hex digits (see fromSecret). */
    private readonly innerBlock: string,
    /** HMAC's outer block K ⊕ opad. */
    private readonly outerBlock: Buffer,
    private readonly signingKey: KeyObject,
    readonly publicKey: KeyObject,
    /** First 16 hex digits of sha256 of the raw Ed25519 public key. */
    readonly keyId: string,
  ) {}

  static fromSecret(secret: string | Buffer): SealKey {
    const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (bytes.length < MIN_SEAL_KEY_BYTES) {
      throw new Error(`AUDIT_SIGNING_KEY must be at least ${MIN_SEAL_KEY_BYTES} bytes (it is ${bytes.length}); generate one with: openssl rand -base64 32`);
    }
    // The MAC key K is the 64-byte block whose K ⊕ ipad is the hex text of a derived 32-byte value,
    // so the inner hash can run on one string (hex block + message) with the one-shot crypto.hash:
    // it is HMAC-SHA256 under K exactly (the spec checks it against createHmac), 3–4× faster.
    const innerBlock = createHmac('sha256', bytes).update('franvaroliggaren/seal-chain/v1').digest('hex');
    const outerBlock = Buffer.from(innerBlock, 'latin1').map((b) => b ^ 0x36 ^ 0x5c);
    const seed = createHmac('sha256', bytes).update('franvaroliggaren/digest-signing/v1').digest();
    // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const signingKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey(signingKey);
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    return new SealKey(innerBlock, Buffer.from(outerBlock), signingKey, publicKey, hash('sha256', raw, 'hex').slice(0, 16));
  }

  /** HMAC-SHA256 of the UTF-8 text under the seal key, truncated to 16 bytes (128 bits). */
  mac(text: string): Buffer {
    const inner = hash('sha256', this.innerBlock + text, 'buffer') as unknown as Buffer;
    return (hash('sha256', Buffer.concat([this.outerBlock, inner]), 'buffer') as unknown as Buffer).subarray(0, 16);
  }

  /** The MAC key K itself, for checking `mac` against a textbook HMAC (tests only). */
  macKeyForTests(): Buffer {
    return Buffer.from(Buffer.from(this.innerBlock, 'latin1').map((b) => b ^ 0x36));
  }

  /** Ed25519 signature of the text, base64url. */
  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.signingKey).toString('base64url');
  }

  verify(text: string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(text, 'utf8'), this.publicKey, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  }

  /** The public key as PEM, for an auditor who checks digest signatures with their own tools. */
  publicKeyPem(): string {
    return this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }
}

/**
 * The key from AUDIT_SIGNING_KEY, or else the one kept in the data directory: created on first
 * start (32 random bytes, base64) with mode 0600 in a directory of mode 0700.
 */
export function loadSealKey(options: { dataDir: string; secret?: string }): SealKey {
  if (options.secret !== undefined && options.secret !== '') return SealKey.fromSecret(options.secret);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);
  const file = join(options.dataDir, SEAL_KEY_FILE);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process of the same deployment created it first: read theirs.
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return SealKey.fromSecret(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
}
