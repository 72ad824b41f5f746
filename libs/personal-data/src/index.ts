/**
 * Personal data protected by design (docs/personal-data.md): per-person data keys in envelopes,
 * the master key that wraps them, the key-store port, and crypto-shredding. The adapters are
 * entry points of their own (`@ledger/personal-data/sqlite`, `/redis`, `/postgresql`), loaded
 * only by the profile that uses them.
 */
export * from './envelope';
export * from './master-key';
export * from './key-store.port';
export * from './personal-data-cipher';
export * from './personal-fields';
export * from './rotate-master-key';
export * from './setup';
