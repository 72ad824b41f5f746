export * from './redis-key-store';
