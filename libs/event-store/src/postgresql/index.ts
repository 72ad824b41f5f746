/**
 * The PostgreSQL adapter of the event-store port, its own entry point (`@ledger/event-store/postgresql`)
 * so that importing the port does not load the `pg` client.
 */
export * from './postgresql-event-store';
export * from './migrations';
export * from './advisory-lock';
