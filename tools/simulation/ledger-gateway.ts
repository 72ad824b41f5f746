import 'reflect-metadata';
import type { INestApplicationContext, Provider } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@ledger/domain';
import { AppModule } from '../../apps/api/src/app.module';
import { CLOCK, COMMAND_PATH_PROJECTIONS, LedgerModule, startBackgroundWork } from '@ledger/ledger';
import type { SimulatedClock } from './simulated-clock';

/** Only for booting: the simulator mints no tokens, but the auth module needs a key to start. */
const BOOT_ONLY_JWT_SECRET = 'simulator-boot-only-secret-no-tokens-are-minted-with-it';

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: DomainError };

/**
 * The real application, booted as a Nest application context (no HTTP) on the simulated clock,
 * with its projections running: every simulated command goes through the CommandBus to the same
 * handlers, pipeline, deciders and stores the controllers use.
 */
export class LedgerGateway {
  private constructor(
    private readonly app: INestApplicationContext,
    private readonly bus: CommandBus,
    private readonly clock: SimulatedClock,
  ) {}

  /**
   * Boots AppModule writing to `dataDir` (LEDGER_DATA_DIR for this boot only). NestFactory has no
   * provider override, so the CLOCK provider in LedgerModule's metadata is swapped for the
   * simulated clock while the module graph is built, and put back right after.
   */
  static async open(options: { dataDir: string; clock: SimulatedClock; logOnly?: boolean }): Promise<LedgerGateway> {
    const app = await withEnv(
      { LEDGER_DATA_DIR: options.dataDir, AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET || BOOT_ONLY_JWT_SECRET },
      () => withClockProvider(options.clock, () => NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'], abortOnError: false })),
    );
    try {
      await startBackgroundWork(app, { projections: options.logOnly ? COMMAND_PATH_PROJECTIONS : true, workers: false });
    } catch (error) {
      await app.close();
      throw error;
    }
    return new LedgerGateway(app, app.get(CommandBus), options.clock);
  }

  /** Dispatches `command` at the simulated instant; a rule's refusal (DomainError) is an outcome, anything else throws. */
  async execute<T>(instantMs: number, command: object): Promise<Outcome<T>> {
    try {
      return { ok: true, result: await this.clock.at(instantMs, () => this.bus.execute<object, T>(command)) };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error };
      throw error;
    }
  }

  get context(): INestApplicationContext {
    return this.app;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

async function withClockProvider<T>(clock: SimulatedClock, boot: () => Promise<T>): Promise<T> {
  const original = Reflect.getMetadata(MODULE_METADATA.PROVIDERS, LedgerModule) as Provider[];
  const isClock = (p: Provider) => typeof p === 'object' && p !== null && 'provide' in p && p.provide === CLOCK;
  if (!original.some(isClock)) throw new Error('LedgerModule no longer provides CLOCK; the simulator cannot set its clock');
  Reflect.defineMetadata(
    MODULE_METADATA.PROVIDERS,
    original.map((p) => (isClock(p) ? { provide: CLOCK, useValue: clock } : p)),
    LedgerModule,
  );
  try {
    return await boot();
  } finally {
    Reflect.defineMetadata(MODULE_METADATA.PROVIDERS, original, LedgerModule);
  }
}

async function withEnv<T>(values: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
