import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The envelope of one encrypted personal field: a string that takes the field's place wherever
 * the field is stored (events, read models, job payloads, webhook queues).
 *
 *   pd1.<key id>.<iv>.<ciphertext + tag>        (each part base64url)
 *
 * AES-256-GCM with a fresh 96-bit IV per value and the 128-bit tag appended; the key id is the
 * additional authenticated data, so an envelope moved under another person's key fails to open.
 * The key id names the person's data key ({@link dataKeyId}); it carries no personal data (the
 * employee id and a category), so a reader can tell whose key to fetch without decrypting.
 */
export const ENVELOPE_PREFIX = 'pd1.';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

export function isEnvelope(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(ENVELOPE_PREFIX);
}

export function sealWithKey(key: Buffer, keyId: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${ENVELOPE_PREFIX}${Buffer.from(keyId, 'utf8').toString('base64url')}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export interface ParsedEnvelope {
  keyId: string;
  iv: Buffer;
  body: Buffer;
}

/** Splits an envelope; undefined when it is not one or is malformed. */
export function parseEnvelope(value: string): ParsedEnvelope | undefined {
  if (!isEnvelope(value)) return undefined;
  const parts = value.slice(ENVELOPE_PREFIX.length).split('.');
  if (parts.length !== 3) return undefined;
  const [keyId, iv, body] = parts;
  const parsed = { keyId: Buffer.from(keyId, 'base64url').toString('utf8'), iv: Buffer.from(iv, 'base64url'), body: Buffer.from(body, 'base64url') };
  if (parsed.iv.length !== IV_BYTES || parsed.body.length < TAG_BYTES || parsed.keyId === '') return undefined;
  return parsed;
}

/** Decrypts an envelope with its key; undefined when the key does not open it (wrong key, altered bytes). */
export function openWithKey(key: Buffer, envelope: ParsedEnvelope): string | undefined {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, envelope.iv);
    decipher.setAAD(Buffer.from(envelope.keyId, 'utf8'));
    decipher.setAuthTag(envelope.body.subarray(envelope.body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(envelope.body.subarray(0, envelope.body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * What a data key protects. Each person has one key per category, so retention can shred one
 * category (free text of a year) and keep another (the identity) until its own time comes.
 * - `identity`: name, personnummer, e-mail.
 * - `text-YYYY`: free text (comments, reasons, notes) recorded in that calendar year (UTC).
 */
export type KeyCategory = 'identity' | `text-${number}`;

export function dataKeyId(subject: string, category: KeyCategory): string {
  return `${subject}|${category}`;
}

export function textCategory(recordedAt: Date): KeyCategory {
  return `text-${recordedAt.getUTCFullYear()}`;
}

/** The year of a `text-YYYY` category, undefined for another category. */
export function textCategoryYear(category: string): number | undefined {
  const m = /^text-(\d{4})$/.exec(category);
  return m ? Number(m[1]) : undefined;
}
