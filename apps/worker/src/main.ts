import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { ProcessHealthServer, preflight, startBackgroundWork } from '@ledger/ledger';
import { PinoNestLogger, rootLogger } from '@ledger/logging';
import { WorkerModule } from './worker.module';

/**
 * `npm run start:worker:prod`: only the job workers (the distributed profile's worker container).
 * It reads the read models the projector keeps; SIGTERM stops taking jobs and waits for those in
 * flight (Nest's shutdown hooks close the job runner first).
 */
async function main(): Promise<void> {
  await preflight();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: new PinoNestLogger(rootLogger()),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const healthPort = await app.get(ProcessHealthServer).listen(app.get<LedgerConfig>(LEDGER_CONFIG).workerHealthPort);
  await startBackgroundWork(app, { projections: false, workers: true });
  rootLogger().info({ process: 'worker', healthPort }, 'started');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
