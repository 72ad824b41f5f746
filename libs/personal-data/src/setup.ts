import { join } from 'node:path';
import type { KeyStore } from './key-store.port';
import { MasterKeyring, loadMasterKeyring } from './master-key';
import { PersonalDataCipher } from './personal-data-cipher';

export interface KeyStoreSettings {
  keyStore: 'sqlite' | 'redis' | 'postgresql';
  dataDir: string;
  redisUrl: string;
  redisKeyPrefix: string;
  databaseUrl: string | undefined;
}

/** `keys.db` in the data directory: a file of its own, apart from `events.db` and `read-models.db`. */
export const KEY_STORE_FILE = 'keys.db';

/** The key store the settings name; each adapter is loaded only when chosen. */
export async function createKeyStore(s: KeyStoreSettings): Promise<KeyStore> {
  switch (s.keyStore) {
    case 'sqlite': {
      const { SqliteKeyStore } = await import('./sqlite/sqlite-key-store');
      return new SqliteKeyStore({ file: join(s.dataDir, KEY_STORE_FILE) });
    }
    case 'redis': {
      const { RedisKeyStore } = await import('./redis/redis-key-store');
      return new RedisKeyStore({ url: s.redisUrl, keyPrefix: s.redisKeyPrefix });
    }
    case 'postgresql': {
      if (!s.databaseUrl) throw new Error('LEDGER_KEY_STORE=postgresql needs DATABASE_URL');
      const { PostgresqlKeyStore } = await import('./postgresql/postgresql-key-store');
      return new PostgresqlKeyStore({ connectionString: s.databaseUrl });
    }
  }
}

export function createCipher(
  store: KeyStore,
  s: { dataDir: string; masterKey: string | undefined; previousMasterKeys: string | undefined; encryption: boolean; keyCacheSeconds: number },
): { cipher: PersonalDataCipher; keyring: MasterKeyring; masterKeySource: 'environment' | 'file'; created: boolean } {
  const { keyring, source, created } = loadMasterKeyring({ dataDir: s.dataDir, masterKey: s.masterKey, previousMasterKeys: s.previousMasterKeys });
  const cipher = new PersonalDataCipher(store, keyring, { enabled: s.encryption, cacheTtlMs: s.keyCacheSeconds * 1000 });
  return { cipher, keyring, masterKeySource: source, created };
}
