export * from './ledger-config';
export * from './dev-tokens';
