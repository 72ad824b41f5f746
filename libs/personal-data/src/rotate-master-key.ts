import type { KeyStore } from './key-store.port';
import { MasterKey, MasterKeyring } from './master-key';

export interface RotationResult {
  /** Live keys now wrapped under the new master key by this run. */
  rewrapped: number;
  /** Live keys that were already under the new master key. */
  alreadyCurrent: number;
  /** Destroyed keys (nothing to re-wrap). */
  destroyed: number;
}

/**
 * Re-wraps every live data key under `next`. Data keys themselves do not change, so no event,
 * read model or queue is touched. Idempotent: a run after an interruption re-wraps what is left.
 * `keyring` must open every key still wrapped under an older master key.
 */
export async function rotateMasterKey(store: KeyStore, keyring: MasterKeyring, next: MasterKey, pageSize = 500): Promise<RotationResult> {
  const result: RotationResult = { rewrapped: 0, alreadyCurrent: 0, destroyed: 0 };
  const target = new MasterKeyring(next);
  let after: string | undefined;
  for (;;) {
    const page = await store.scan(after, pageSize);
    if (page.length === 0) break;
    for (const key of page) {
      if (key.wrapped === null || key.masterKeyId === null) result.destroyed++;
      else if (key.masterKeyId === next.id) result.alreadyCurrent++;
      else {
        const dataKey = keyring.unwrap(key.wrapped, key.keyId, key.masterKeyId);
        const { wrapped } = target.wrap(dataKey, key.keyId);
        if (await store.rewrap(key.keyId, key.masterKeyId, wrapped, next.id)) result.rewrapped++;
      }
    }
    after = page[page.length - 1].keyId;
  }
  return result;
}
