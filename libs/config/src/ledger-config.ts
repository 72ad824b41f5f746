import { resolve } from 'node:path';

/**
 * Runtime configuration from the environment (API.md "Runtime"). Each port's adapter can be
 * chosen on its own; the profile only sets the defaults.
 */
export interface LedgerConfig {
  port: number;
  profile: 'embedded' | 'distributed';
  dataDir: string;
  eventStore: 'sqlite' | 'eventstoredb';
  readStore: 'sqlite' | 'redis';
  jobs: 'inprocess' | 'bullmq';
  authJwtSecret: string | undefined;
  authJwksUrl: string | undefined;
  eventStoreConnectionString: string | undefined;
  redisUrl: string;
  notifyWebhookUrl: string | undefined;
  reminderScanIntervalSeconds: number;
  returnReportReminderDays: number;
  attestationCutoffDay: number;
  /** Seconds a query with minPosition waits for its projection before answering 503. */
  minPositionWaitSeconds: number;
  logLevel: string;
}

export class ConfigError extends Error {}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if (!allowed.includes(value as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer ${min}–${max}, not "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const profile = oneOf('LEDGER_PROFILE', env.LEDGER_PROFILE, ['embedded', 'distributed'], 'embedded');
  const distributed = profile === 'distributed';
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    profile,
    dataDir: resolve(env.LEDGER_DATA_DIR || './data'),
    eventStore: oneOf('LEDGER_EVENT_STORE', env.LEDGER_EVENT_STORE, ['sqlite', 'eventstoredb'], distributed ? 'eventstoredb' : 'sqlite'),
    readStore: oneOf('LEDGER_READ_STORE', env.LEDGER_READ_STORE, ['sqlite', 'redis'], distributed ? 'redis' : 'sqlite'),
    jobs: oneOf('LEDGER_JOBS', env.LEDGER_JOBS, ['inprocess', 'bullmq'], distributed ? 'bullmq' : 'inprocess'),
    authJwtSecret: env.AUTH_JWT_SECRET || undefined,
    authJwksUrl: env.AUTH_JWKS_URL || undefined,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    notifyWebhookUrl: env.NOTIFY_WEBHOOK_URL || undefined,
    reminderScanIntervalSeconds: integer('REMINDER_SCAN_INTERVAL_SECONDS', env.REMINDER_SCAN_INTERVAL_SECONDS, 300, 1, 86400),
    returnReportReminderDays: integer('RETURN_REPORT_REMINDER_DAYS', env.RETURN_REPORT_REMINDER_DAYS, 7, 1, 365),
    attestationCutoffDay: integer('ATTESTATION_CUTOFF_DAY', env.ATTESTATION_CUTOFF_DAY, 10, 1, 28),
    minPositionWaitSeconds: integer('MIN_POSITION_WAIT_SECONDS', env.MIN_POSITION_WAIT_SECONDS, 5, 0, 60),
    logLevel: env.LOG_LEVEL || 'info',
  };
}

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
