import { join } from 'node:path';
import type { KeyStore } from './key-store.port';
import { MasterKeyring, loadMasterKeyring } from './master-key';
import { PersonalDataCipher } from './personal-data-cipher';
import { PostgresqlKeyStore } from './postgresql/postgresql-key-store';
import { RedisKeyStore } from './redis/redis-key-store';
import { SqliteKeyStore } from './sqlite/sqlite-key-store';

export interface KeyStoreSettings {
  keyStore: 'sqlite' | 'redis' | 'postgresql';
  dataDir: string;
  redisUrl: string;
  redisKeyPrefix: string;
  databaseUrl: string | undefined;
}

/** `keys.db` in the data directory: a file of its own, apart from `events.db` and `read-models.db`. */
export const KEY_STORE_FILE = 'keys.db';

export function createKeyStore(s: KeyStoreSettings): KeyStore {
  switch (s.keyStore) {
    case 'sqlite':
      return new SqliteKeyStore({ file: join(s.dataDir, KEY_STORE_FILE) });
    case 'redis':
      return new RedisKeyStore({ url: s.redisUrl, keyPrefix: s.redisKeyPrefix });
    case 'postgresql':
      if (!s.databaseUrl) throw new Error('LEDGER_KEY_STORE=postgresql needs DATABASE_URL');
      return new PostgresqlKeyStore({ connectionString: s.databaseUrl });
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
