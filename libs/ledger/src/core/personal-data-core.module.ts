import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig, PersonalDataConfig, loadPersonalDataConfig } from '@ledger/config';
import { KEY_STORE, KeyStore, PERSONAL_DATA_CIPHER, createCipher, createKeyStore } from '@ledger/personal-data';

export const PERSONAL_DATA_CONFIG = Symbol('PERSONAL_DATA_CONFIG');

/**
 * The per-person keys and the cipher every part of the ledger seals and reveals personal fields
 * with (docs/personal-data.md). Imported by the ledger module, so the API, the projector, the
 * worker and the tools all hold the same key store.
 */
@Global()
@Module({
  providers: [
    { provide: PERSONAL_DATA_CONFIG, useFactory: (ledger: LedgerConfig) => loadPersonalDataConfig(ledger), inject: [LEDGER_CONFIG] },
    {
      provide: KEY_STORE,
      useFactory: async (ledger: LedgerConfig, config: PersonalDataConfig) =>
        createKeyStore({ ...config, dataDir: ledger.dataDir, redisUrl: ledger.redisUrl, redisKeyPrefix: ledger.redisKeyPrefix }),
      inject: [LEDGER_CONFIG, PERSONAL_DATA_CONFIG],
    },
    {
      provide: PERSONAL_DATA_CIPHER,
      useFactory: (ledger: LedgerConfig, config: PersonalDataConfig, store: KeyStore) => {
        const logger = new Logger('PersonalData');
        const { cipher, keyring, masterKeySource, created } = createCipher(store, { ...config, dataDir: ledger.dataDir });
        if (created) logger.log(`made a new master key (${keyring.current.id}) in the data directory`);
        else logger.log(`master key ${keyring.current.id} from the ${masterKeySource === 'file' ? 'data directory' : 'environment'}`);
        if (!config.encryption) logger.warn('PERSONAL_DATA_ENCRYPTION=off: personal fields are stored in plain text (for measuring only)');
        return cipher;
      },
      inject: [LEDGER_CONFIG, PERSONAL_DATA_CONFIG, KEY_STORE],
    },
  ],
  exports: [PERSONAL_DATA_CONFIG, KEY_STORE, PERSONAL_DATA_CIPHER],
})
export class PersonalDataCoreModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly store: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
