import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { preflight } from '@ledger/ledger';
import { PinoNestLogger, rootLogger } from '@ledger/logging';
import { runProjector } from './projector';
import { ProjectorModule } from './projector.module';

/** `npm run start:projector:prod`: only the projections (the distributed profile's projector container). */
async function main(): Promise<void> {
  await preflight();
  const app = await NestFactory.createApplicationContext(ProjectorModule, {
    logger: new PinoNestLogger(rootLogger()),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const { metricsPort } = await runProjector(app);
  rootLogger().info({ process: 'projector', metricsPort }, 'started');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
