import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ledgerValidationPipe } from './http/validation';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { startBackgroundWork } from '@ledger/ledger';

/** Body size limit: the largest command is a few hundred bytes. */
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the HTTP app (Fastify, validation, OpenAPI at /docs) and starts what this process runs
 * besides HTTP: with LEDGER_RUN=all (the default) the projections and the job workers, with
 * LEDGER_RUN=api nothing (it reads the checkpoints the projector stores).
 */
export async function createHttpApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { logger: options.logger === false ? false : process.env.LOG_LEVEL === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn'], abortOnError: false },
  );
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  mountOpenApi(app);
  // Lifecycle hooks (onModuleInit: the job handlers are defined there) run before the background work starts.
  await app.init();
  const runAll = app.get<LedgerConfig>(LEDGER_CONFIG).run === 'all';
  await startBackgroundWork(app, { projections: runAll, workers: runAll });
  return app;
}

function mountOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Frånvaroliggaren')
    .setDescription('Event-sourced absence ledger for Swedish municipalities (HTTP contract v1)')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  fastify.get('/docs', async () => document);
  fastify.get('/docs/openapi.json', async () => document);
}
