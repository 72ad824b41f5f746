import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ledgerValidationPipe } from './http/validation';
import { ProjectionsService } from './ledger/projections.service';

/** Body size limit: the largest command is a few hundred bytes. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the HTTP app (Fastify, validation, OpenAPI at /docs) and starts its projections. */
export async function createHttpApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { logger: options.logger === false ? false : process.env.LOG_LEVEL === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn'], abortOnError: false },
  );
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  mountOpenApi(app);
  await app.get(ProjectionsService).startAll();
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
