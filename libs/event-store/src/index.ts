export * from './event-store.port';
export * from './hash-chain';
export * from './deep-freeze';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/wal-checkpointer';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export * from './seal';
