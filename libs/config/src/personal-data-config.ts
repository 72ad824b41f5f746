import { ConfigError, LedgerConfig } from './ledger-config';

/**
 * Settings of the personal-data protection (docs/personal-data.md): where the per-person keys
 * live, the master key that wraps them, and the retention (gallring) rules.
 */
export interface PersonalDataConfig {
  /** LEDGER_KEY_STORE: sqlite (embedded; `keys.db` in the data directory), redis, postgresql. */
  keyStore: 'sqlite' | 'redis' | 'postgresql';
  /** PERSONAL_DATA_MASTER_KEY (32 bytes, base64 or hex); unset: `master.key` in the data directory. */
  masterKey: string | undefined;
  /** PERSONAL_DATA_MASTER_KEY_PREVIOUS: comma-separated older master keys, accepted while a rotation runs. */
  previousMasterKeys: string | undefined;
  /** PERSONAL_DATA_ENCRYPTION=on|off (default on). off exists only to measure what encryption costs. */
  encryption: boolean;
  /** PERSONAL_DATA_KEY_CACHE_SECONDS (default 10): how long another process may still open an erased person's fields. */
  keyCacheSeconds: number;
  /** DATABASE_URL, for the postgresql key store. */
  databaseUrl: string | undefined;
  retention: RetentionConfig;
}

/** RETENTION_* (docs/personal-data.md, "Retention"). */
export interface RetentionConfig {
  /** RETENTION_FREE_TEXT_YEARS (2): free text recorded in year Y is erased from 1 January of Y + 1 + this. */
  freeTextYears: number;
  /** RETENTION_AFTER_EMPLOYMENT_DAYS (365): this long after an employment ends, the person's name, personnummer, e-mail and all free text are erased. */
  afterEmploymentDays: number;
  /**
   * RETENTION_PAYROLL_YEARS (7, at least 7): how long payroll facts are räkenskapsinformation (to the end
   * of the 7th year after their year, bokföringslagen 7 kap. 2 §). Documented and checked; the facts
   * carry no personal field of their own, so no key is destroyed for them.
   */
  payrollYears: number;
  /** RETENTION_ENABLED=on|off (default on). */
  enabled: boolean;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer ${min}–${max}, not "${value}"`);
  return n;
}

function onOff(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'on' || value === 'true') return true;
  if (value === 'off' || value === 'false') return false;
  throw new ConfigError(`${name} must be on or off, not "${value}"`);
}

export function loadPersonalDataConfig(ledger: Pick<LedgerConfig, 'eventStore' | 'readStore'>, env: NodeJS.ProcessEnv = process.env): PersonalDataConfig {
  const fallback: PersonalDataConfig['keyStore'] =
    (ledger.eventStore as string) === 'postgresql' ? 'postgresql' : ledger.readStore === 'redis' ? 'redis' : 'sqlite';
  const keyStore = env.LEDGER_KEY_STORE || fallback;
  if (!['sqlite', 'redis', 'postgresql'].includes(keyStore)) throw new ConfigError(`LEDGER_KEY_STORE must be one of sqlite, redis, postgresql, not "${keyStore}"`);
  return {
    keyStore: keyStore as PersonalDataConfig['keyStore'],
    masterKey: env.PERSONAL_DATA_MASTER_KEY || undefined,
    previousMasterKeys: env.PERSONAL_DATA_MASTER_KEY_PREVIOUS || undefined,
    encryption: onOff('PERSONAL_DATA_ENCRYPTION', env.PERSONAL_DATA_ENCRYPTION, true),
    keyCacheSeconds: integer('PERSONAL_DATA_KEY_CACHE_SECONDS', env.PERSONAL_DATA_KEY_CACHE_SECONDS, 10, 0, 3600),
    databaseUrl: env.DATABASE_URL || undefined,
    retention: {
      freeTextYears: integer('RETENTION_FREE_TEXT_YEARS', env.RETENTION_FREE_TEXT_YEARS, 2, 0, 100),
      afterEmploymentDays: integer('RETENTION_AFTER_EMPLOYMENT_DAYS', env.RETENTION_AFTER_EMPLOYMENT_DAYS, 365, 0, 36500),
      payrollYears: integer('RETENTION_PAYROLL_YEARS', env.RETENTION_PAYROLL_YEARS, 7, 7, 100),
      enabled: onOff('RETENTION_ENABLED', env.RETENTION_ENABLED, true),
    },
  };
}
