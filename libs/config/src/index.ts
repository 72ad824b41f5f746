export * from './ledger-config';
export * from './dev-tokens';
export * from './personal-data-config';
