export * from './open-sqlite';
export * from './wal-checkpointer';
