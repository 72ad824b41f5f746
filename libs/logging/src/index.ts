/** Structured JSON logs through pino for every process, and Nest's logger routed to them. */
export * from './logger';
