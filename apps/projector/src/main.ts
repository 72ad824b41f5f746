import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { preflight } from '@ledger/ledger';
import { runProjector } from './projector';
import { ProjectorModule } from './projector.module';

/** `npm run start:projector:prod`: only the projections (the distributed profile's projector container). */
async function main(): Promise<void> {
  await preflight();
  const app = await NestFactory.createApplicationContext(ProjectorModule, {
    logger: process.env.LOG_LEVEL === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn', 'log'],
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const { metricsPort } = await runProjector(app);
  console.log(`Frånvaroliggaren projector running (metrics on :${metricsPort}/metrics)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
