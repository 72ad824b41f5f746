export * from './postgresql-key-store';
