import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ledgerValidationPipe } from './http/validation';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { startBackgroundWork } from '@ledger/ledger';
import { WebAppOptions, mountWebApp } from './web/web-app';
import { mountOpenApi } from './http/openapi';
import { addSecurityHeaders, applyServerLimits, httpLimits, installJsonBodyParser, installRateLimit, serverOptions } from './http/hardening';
import { LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { PinoNestLogger, createLogger, logLevelOf, rootLogger, subjectHasher } from '@ledger/logging';
import { installRequestLogging, requestIdOf } from './logging/request-logging';
import { HttpMetrics } from './operations/http-metrics';

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
 * Builds the HTTP app (Fastify, validation, OpenAPI at /docs, the web front end at /) and starts what this process runs
 * besides HTTP: with LEDGER_RUN=all (the default) the projections and the job workers, with
 * LEDGER_RUN=api nothing (it reads the checkpoints the projector stores).
 */
export interface HttpAppOptions {
  /** false: no log lines at all (tests); true or left out: LOG_LEVEL. */
  logger?: boolean;
  /** Where the JSON log lines go instead of stdout (tests). */
  logDestination?: DestinationStream;
  /** The web front end served at / (apps/web). */
  web?: WebAppOptions;
}

export async function createHttpApp(options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const logger =
    options.logger === false
      ? createLogger({ level: 'silent' })
      : options.logDestination
        ? createLogger({ level: logLevelOf(process.env.LOG_LEVEL), destination: options.logDestination })
        : rootLogger();
  const limits = httpLimits();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    ...serverOptions(limits),
    loggerInstance: logger,
    genReqId: requestIdOf,
    // Fastify's own request lines are replaced by one line per request (logging/request-logging.ts).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
  });
  addSecurityHeaders(adapter.getInstance());
  installJsonBodyParser(adapter.getInstance());
  installRateLimit(adapter.getInstance(), limits.rateLimitPerMinute);
  applyServerLimits(adapter.getInstance().server, limits);
  // The HTTP metrics live in Nest's container, made after the hooks must be in place.
  const metrics: { http?: HttpMetrics } = {};
  installRequestLogging(adapter.getInstance(), { hashSubject: subjectHasher(), onAnswered: (answered) => metrics.http?.observe(answered) });
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false, bodyParser: false },
  );
  metrics.http = app.get(HttpMetrics);
  app.useGlobalPipes(ledgerValidationPipe());
  app.enableShutdownHooks();
  registeredRoutes.set(app, routes);
  mountOpenApi(app);
  // The web front end at / (apps/web, built into dist/web), and the demo's sign-in when given.
  await mountWebApp(app, options.web);
  // Lifecycle hooks (onModuleInit: the job handlers are defined there) run before the background work starts.
  await app.init();
  const runAll = app.get<LedgerConfig>(LEDGER_CONFIG).run === 'all';
  await startBackgroundWork(app, { projections: runAll, workers: runAll });
  return app;
}
