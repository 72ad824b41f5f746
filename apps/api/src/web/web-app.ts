import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DemoSignIn, registerDemoSignIn } from './demo-sign-in';
import { WebConfig, webConfigFromEnv } from './web-config';

/**
 * The pages of the web front end (apps/web), each a route of the single-page app. Only these
 * paths (and the built files) answer with the app, so the front end never shadows /v1, /docs,
 * /health or /metrics: an unknown path there stays a problem+json 404.
 */
export const WEB_PAGES = ['mig', 'chef', 'hr', 'lon', 'revision', 'logga-in'] as const;

/**
 * Whether a registered route belongs to the front end (its pages, its built files, its config and
 * the demo's sign-in) rather than to the API contract the OpenAPI document describes.
 */
export function isWebAppRoute(url: string): boolean {
  if (url === '/' || url === '/index.html' || url === '/web-config.json' || url.startsWith('/assets/')) return true;
  if (/^\/demo(\/|$)/.test(url)) return true;
  return WEB_PAGES.some((p) => url === `/${p}` || url.startsWith(`/${p}/`));
}

export interface WebAppOptions {
  /** Where the built front end lives (WEB_DIST_DIR; default: dist/web beside the API). */
  distDir?: string;
  /** The demo's sign-in (npm start only); absent in start:prod, where /demo answers 404. */
  demo?: DemoSignIn;
  config?: WebConfig;
}

/** dist/web beside the built API (dist/apps/api/src/web → dist/web), or under the working directory. */
export function defaultWebDistDir(): string | undefined {
  const candidates = [process.env.WEB_DIST_DIR, resolve(__dirname, '..', '..', '..', '..', 'web'), resolve(process.cwd(), 'dist', 'web')];
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'index.html')));
}

/** Serves the built front end at / (hashed assets cached for a year, the page itself never). */
export async function mountWebApp(app: NestFastifyApplication, options: WebAppOptions = {}): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const distDir = options.distDir ?? defaultWebDistDir();
  const config = options.config ?? webConfigFromEnv(process.env, !!options.demo);
  fastify.get('/web-config.json', async (_req, reply) => {
    void reply.header('cache-control', 'no-cache');
    return config;
  });
  if (options.demo) registerDemoSignIn(fastify, options.demo);

  const pagePaths = ['/', ...WEB_PAGES.flatMap((p) => [`/${p}`, `/${p}/*`]), ...(options.demo ? ['/demo'] : [])];
  if (!distDir) {
    for (const path of pagePaths) {
      fastify.get(path, async (_req, reply) => {
        void reply.status(503).type('text/plain; charset=utf-8');
        return 'The web front end has not been built: run npm run build.\n';
      });
    }
    return;
  }
  await app.register(fastifyStatic as never, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      void reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (_req: unknown, reply: FastifyReply) => {
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  for (const path of pagePaths) fastify.get(path, page);
}
