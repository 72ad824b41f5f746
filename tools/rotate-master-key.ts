/**
 * npm run rotate-master-key: re-wraps every per-person data key under a new master key. No event,
 * read model or queue changes: only the key store. Run it again after an interruption; it
 * finishes what is left.
 *
 * Embedded (the master key is `master.key` in the data directory): a new key is made and written
 * to `master.key.next` (0600) first, so a running service and an interrupted run still open every
 * key; after the re-wrap it replaces `master.key`. Restart the service afterwards.
 *
 * With PERSONAL_DATA_MASTER_KEY set (scale-out): give the new key as PERSONAL_DATA_MASTER_KEY_NEW.
 * First restart the services with PERSONAL_DATA_MASTER_KEY=<new> and
 * PERSONAL_DATA_MASTER_KEY_PREVIOUS=<old>, then run this with PERSONAL_DATA_MASTER_KEY=<old>
 * and PERSONAL_DATA_MASTER_KEY_NEW=<new>, then drop PERSONAL_DATA_MASTER_KEY_PREVIOUS.
 *
 * It prints the key ids (a hash prefix), never a key.
 */
import { loadConfig, loadPersonalDataConfig } from '@ledger/config';
import {
  MASTER_KEY_FILE,
  MasterKeyring,
  NEXT_MASTER_KEY_FILE,
  createKeyStore,
  generateMasterKey,
  loadMasterKeyring,
  parseMasterKey,
  readKeyFile,
  rotateMasterKey,
  writeKeyFile,
} from '@ledger/personal-data';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const ledger = loadConfig();
  const config = loadPersonalDataConfig(ledger);
  const store = await createKeyStore({ ...config, dataDir: ledger.dataDir, redisUrl: ledger.redisUrl, redisKeyPrefix: ledger.redisKeyPrefix });
  try {
    if (config.masterKey) {
      if (!process.env.PERSONAL_DATA_MASTER_KEY_NEW) throw new Error('PERSONAL_DATA_MASTER_KEY is set: give the new key as PERSONAL_DATA_MASTER_KEY_NEW');
      const next = parseMasterKey('PERSONAL_DATA_MASTER_KEY_NEW', process.env.PERSONAL_DATA_MASTER_KEY_NEW);
      const { keyring } = loadMasterKeyring({ dataDir: ledger.dataDir, masterKey: config.masterKey, previousMasterKeys: config.previousMasterKeys });
      const result = await rotateMasterKey(store, new MasterKeyring(keyring.current, [next]), next);
      console.log(`master key ${keyring.current.id} -> ${next.id}: ${result.rewrapped} keys re-wrapped, ${result.alreadyCurrent} already current, ${result.destroyed} destroyed (nothing to re-wrap)`);
      return;
    }
    const file = join(ledger.dataDir, MASTER_KEY_FILE);
    const nextFile = join(ledger.dataDir, NEXT_MASTER_KEY_FILE);
    if (!existsSync(file)) throw new Error(`no master key at ${file}: start the service once first`);
    const current = readKeyFile(file);
    if (!existsSync(nextFile)) writeKeyFile(nextFile, generateMasterKey());
    const next = readKeyFile(nextFile);
    const result = await rotateMasterKey(store, new MasterKeyring(current, [next]), next);
    renameSync(nextFile, file);
    console.log(`master key ${current.id} -> ${next.id}: ${result.rewrapped} keys re-wrapped, ${result.alreadyCurrent} already current, ${result.destroyed} destroyed (nothing to re-wrap)`);
    console.log(`${file} now holds the new key; restart the service.`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
