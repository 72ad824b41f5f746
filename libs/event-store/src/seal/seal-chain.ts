import type { RecordedEvent } from '../event-store.port';
import { canonicalJson } from '../hash-chain';
import type { SealKey } from './seal-key';

/** The link before the first event of the log. */
export const GENESIS_LINK: Buffer = Buffer.alloc(16);

/**
 * The seal of one event: a MAC over where it sits (position, stream, revision), what it is (id,
 * type) and its stored metadata, which carries the stream chain's `hash` and so, through the chain,
 * every byte of its data as stored (encrypted fields included: the seal never needs a person's key).
 */
export function eventMac(key: SealKey, e: RecordedEvent): Buffer {
  return key.mac(`event\u0000${e.position}\u0000${e.streamId}\u0000${e.revision}\u0000${e.id}\u0000${e.type}\u0000${canonicalJson(e.metadata)}`);
}

/** The keyed chain over log positions: link_n = MAC(link_{n-1} ‖ mac_n). */
export function nextLink(key: SealKey, prevLink: Buffer, mac: Buffer): Buffer {
  return key.mac(`link\u0000${prevLink.toString('hex')}\u0000${mac.toString('hex')}`);
}

/** The text a digest's signature covers. */
export function digestSigningText(d: { position: string; hash: string; signedAt: string; keyId: string }): string {
  return canonicalJson({ kind: 'franvaroliggaren-log-digest/v1', position: d.position, hash: d.hash, signedAt: d.signedAt, keyId: d.keyId });
}
