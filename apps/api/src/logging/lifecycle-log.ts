import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { maskSettings } from '@ledger/logging';

/** The settings in force, secrets masked, for the start and stop lines. */
export function settingsInForce(config: LedgerConfig, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  return maskSettings({
    ...config,
    logLevel: env.LOG_LEVEL || 'info',
    smtpUrl: env.SMTP_URL,
    publicUrl: env.PUBLIC_URL,
    node: process.version,
  });
}

/** Logs `stopping` (with the signal) and `stopped`, each with the settings in force. */
@Injectable()
export class LifecycleLog implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');
  private readonly startedAt = Date.now();

  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log({ msg: 'stopping', signal: signal ?? null, settings: settingsInForce(this.config) });
  }

  onApplicationShutdown(signal?: string): void {
    this.logger.log({ msg: 'stopped', signal: signal ?? null, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) });
  }
}
