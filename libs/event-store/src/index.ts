/**
 * The event-store port. The adapters have entry points of their own, so that importing the port
 * loads neither SQLite nor the EventStoreDB client: `@ledger/event-store/sqlite` and
 * `@ledger/event-store/eventstoredb`.
 */
export * from './event-store.port';
export * from './hash-chain';
export * from './deep-freeze';
