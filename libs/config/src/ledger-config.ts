import { resolve } from 'node:path';

/**
 * Runtime configuration from the environment (README "Configuration", docs/architecture.md "The profiles"). Each port's adapter can be
 * chosen on its own; the profile only sets the defaults.
 */
export interface LedgerConfig {
  port: number;
  /**
   * `embedded`: SQLite files, one process. `distributed`: EventStoreDB events, Redis read models
   * and BullMQ jobs. `postgres`: PostgreSQL events (DATABASE_URL), Redis read models and BullMQ jobs.
   */
  profile: 'embedded' | 'distributed' | 'postgres';
  dataDir: string;
  eventStore: 'sqlite' | 'eventstoredb' | 'postgresql';
  readStore: 'sqlite' | 'redis';
  jobs: 'inprocess' | 'bullmq';
  /**
   * What the API process runs besides HTTP (LEDGER_RUN): `all` (default) also runs the projections
   * and the job workers in the same process; `api` serves HTTP only and reads the checkpoints the
   * projector stores (docker-compose runs projector and worker in their own containers).
   */
  run: 'all' | 'api';
  authJwtSecret: string | undefined;
  authJwksUrl: string | undefined;
  /** AUTH_ISSUER / AUTH_AUDIENCE: the `iss` and `aud` a token must carry, when set. */
  authIssuer: string | undefined;
  authAudience: string | undefined;
  /** AUDIT_SIGNING_KEY: the secret of the log's seal and digest signatures (≥ 32 bytes); embedded: generated in the data directory when unset. */
  auditSigningKey: string | undefined;
  eventStoreConnectionString: string | undefined;
  /** PostgreSQL of the `postgresql` event store (DATABASE_URL, e.g. postgres://ledger@db:5432/ledger). */
  databaseUrl: string | undefined;
  /** Connections in this process's PostgreSQL pool (PG_POOL_SIZE, default 6). */
  databasePoolSize: number;
  redisUrl: string;
  /** Prefix of every Redis key this deployment writes (read models and BullMQ queues); '' by default. */
  redisKeyPrefix: string;
  notifyWebhookUrl: string | undefined;
  reminderScanIntervalSeconds: number;
  /**
   * REMINDER_EVENT_SCAN_SECONDS (default 15; 0 turns it off): how often the worker looks whether the
   * log has grown since the last scan, and if so scans again, so a reminder follows the event that
   * raises it within about this long plus a scan, not only at the next scheduled scan.
   */
  reminderEventScanSeconds: number;
  returnReportReminderDays: number;
  attestationCutoffDay: number;
  /** attestation_due is raised this many days before the cut-off (ATTESTATION_REMINDER_LEAD_DAYS, default 5). */
  attestationReminderLeadDays: number;
  /** Webhook delivery: attempts in all (NOTIFY_WEBHOOK_ATTEMPTS, default 10) … */
  notifyWebhookAttempts: number;
  /** … with exponential backoff from this delay (NOTIFY_WEBHOOK_BACKOFF_MS, default 2000: 2 s, 4 s, 8 s, …). */
  notifyWebhookBackoffMs: number;
  /** Port of the projector's /metrics and /health (PROJECTOR_METRICS_PORT, default 3001). */
  projectorMetricsPort: number;
  /** Port of the worker's /health and /metrics (WORKER_HEALTH_PORT, default 3002). */
  workerHealthPort: number;
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

/** A Redis key prefix: printable, no spaces or glob characters, at most 64 characters. */
function keyPrefix(name: string, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  if (!/^[A-Za-z0-9._:{}-]{1,64}$/.test(value)) throw new ConfigError(`${name} must be 1–64 characters of letters, digits, ".", "_", ":", "{", "}" and "-"`);
  return value;
}

/** An http(s) URL. */
function webhookUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL`);
  return url.toString();
}

/** A postgres:// or postgresql:// URL. */
function databaseUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a postgres:// URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new ConfigError(`${name} must be a postgres:// URL`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const profile = oneOf('LEDGER_PROFILE', env.LEDGER_PROFILE, ['embedded', 'distributed', 'postgres'], 'embedded');
  const distributed = profile !== 'embedded';
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    profile,
    dataDir: resolve(env.LEDGER_DATA_DIR || './data'),
    eventStore: oneOf(
      'LEDGER_EVENT_STORE',
      env.LEDGER_EVENT_STORE,
      ['sqlite', 'eventstoredb', 'postgresql'],
      profile === 'postgres' ? 'postgresql' : distributed ? 'eventstoredb' : 'sqlite',
    ),
    readStore: oneOf('LEDGER_READ_STORE', env.LEDGER_READ_STORE, ['sqlite', 'redis'], distributed ? 'redis' : 'sqlite'),
    jobs: oneOf('LEDGER_JOBS', env.LEDGER_JOBS, ['inprocess', 'bullmq'], distributed ? 'bullmq' : 'inprocess'),
    run: oneOf('LEDGER_RUN', env.LEDGER_RUN, ['all', 'api'], 'all'),
    authJwtSecret: env.AUTH_JWT_SECRET || undefined,
    authJwksUrl: env.AUTH_JWKS_URL || undefined,
    authIssuer: env.AUTH_ISSUER || undefined,
    authAudience: env.AUTH_AUDIENCE || undefined,
    auditSigningKey: env.AUDIT_SIGNING_KEY || undefined,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    databaseUrl: databaseUrl('DATABASE_URL', env.DATABASE_URL),
    databasePoolSize: integer('PG_POOL_SIZE', env.PG_POOL_SIZE, 6, 1, 100),
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisKeyPrefix: keyPrefix('REDIS_KEY_PREFIX', env.REDIS_KEY_PREFIX),
    notifyWebhookUrl: webhookUrl('NOTIFY_WEBHOOK_URL', env.NOTIFY_WEBHOOK_URL),
    reminderScanIntervalSeconds: integer('REMINDER_SCAN_INTERVAL_SECONDS', env.REMINDER_SCAN_INTERVAL_SECONDS, 300, 1, 86400),
    reminderEventScanSeconds: integer('REMINDER_EVENT_SCAN_SECONDS', env.REMINDER_EVENT_SCAN_SECONDS, 15, 0, 3600),
    returnReportReminderDays: integer('RETURN_REPORT_REMINDER_DAYS', env.RETURN_REPORT_REMINDER_DAYS, 7, 1, 365),
    attestationCutoffDay: integer('ATTESTATION_CUTOFF_DAY', env.ATTESTATION_CUTOFF_DAY, 10, 1, 28),
    attestationReminderLeadDays: integer('ATTESTATION_REMINDER_LEAD_DAYS', env.ATTESTATION_REMINDER_LEAD_DAYS, 5, 0, 27),
    notifyWebhookAttempts: integer('NOTIFY_WEBHOOK_ATTEMPTS', env.NOTIFY_WEBHOOK_ATTEMPTS, 10, 1, 50),
    notifyWebhookBackoffMs: integer('NOTIFY_WEBHOOK_BACKOFF_MS', env.NOTIFY_WEBHOOK_BACKOFF_MS, 2000, 1, 3_600_000),
    projectorMetricsPort: integer('PROJECTOR_METRICS_PORT', env.PROJECTOR_METRICS_PORT, 3001, 0, 65535),
    workerHealthPort: integer('WORKER_HEALTH_PORT', env.WORKER_HEALTH_PORT, 3002, 0, 65535),
    minPositionWaitSeconds: integer('MIN_POSITION_WAIT_SECONDS', env.MIN_POSITION_WAIT_SECONDS, 5, 0, 60),
    logLevel: env.LOG_LEVEL || 'info',
  };
}

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
