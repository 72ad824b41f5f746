/**
 * The event-store port. The adapters have entry points of their own, so that importing the port
 * loads none of their clients: `@ledger/event-store/sqlite`, `@ledger/event-store/postgresql` and
 * `@ledger/event-store/eventstoredb`.
 */
export * from './event-store.port';
export * from './hash-chain';
export * from './deep-freeze';
export * from './seal';
