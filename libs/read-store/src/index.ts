export * from './read-store.port';
export { InvalidReadModelChangeError } from './prepare-changes';
export * from './sqlite/sqlite-read-store';
export * from './redis/redis-read-store';
