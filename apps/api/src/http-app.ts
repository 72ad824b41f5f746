import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ledgerValidationPipe } from './http/validation';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { startBackgroundWork } from '@ledger/ledger';
import { mountOpenApi } from './http/openapi';

/** A route as Fastify registered it: method and URL pattern (`/v1/absences/:id`). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

const registeredRoutes = new WeakMap<object, RegisteredRoute[]>();

/** Every route the app's Fastify instance registered (HEAD routes Fastify adds for GET left out). */
export function routesOf(app: NestFastifyApplication): RegisteredRoute[] {
  return registeredRoutes.get(app) ?? [];
}

/** Body size limit: the largest command is a few hundred bytes. */
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the HTTP app (Fastify, validation, OpenAPI at /docs) and starts what this process runs
 * besides HTTP: with LEDGER_RUN=all (the default) the projections and the job workers, with
 * LEDGER_RUN=api nothing (it reads the checkpoints the projector stores).
 */
export async function createHttpApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    adapter,
    { logger: options.logger === false ? false : process.env.LOG_LEVEL === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn'], abortOnError: false },
  );
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  registeredRoutes.set(app, routes);
  mountOpenApi(app);
  // Lifecycle hooks (onModuleInit: the job handlers are defined there) run before the background work starts.
  await app.init();
  const runAll = app.get<LedgerConfig>(LEDGER_CONFIG).run === 'all';
  await startBackgroundWork(app, { projections: runAll, workers: runAll });
  return app;
}
