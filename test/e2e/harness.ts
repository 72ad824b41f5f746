import { mintToken } from '@ledger/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApp } from '../../apps/api/src/http-app';
import { CLOCK, Clock } from '@ledger/ledger';

export const SECRET = 'e2e-secret-that-is-long-enough-for-hs256';

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  rawBody?: string;
}

export interface TestApi {
  app: NestFastifyApplication;
  baseUrl: string;
  dataDir: string;
  token(sub: string, ...roles: string[]): Promise<string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  request(method: string, path: string, options?: RequestOptions): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export interface StartOptions {
  /**
   * The clock the app's CLOCK provider answers with (e.g. a ManualClock from
   * libs/ledger/src/core/clock.ts), so a test controls every recordedAt and "today".
   */
  clock?: Clock;
  /** Start on this data directory (a restart on the same files); close() then leaves it in place. */
  dataDir?: string;
  /** Where the app's JSON log lines go (at LOG_LEVEL); without it the app logs nothing. */
  logDestination?: DestinationStream;
}

/** Starts the real app on a free port with its own data directory (SQLite files). */
export async function startTestApi(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApi> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  Object.assign(process.env, { LEDGER_DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET, LEDGER_PROFILE: 'embedded' }, env);
  const app = await createHttpApp(options.logDestination ? { logDestination: options.logDestination } : { logger: false });
  const restoreClock = options.clock ? useClock(app, options.clock) : () => undefined;
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    dataDir,
    token: (sub, ...roles) => mintToken(SECRET, sub, roles),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.rawBody !== undefined) {
        body = options.rawBody;
        headers['content-type'] ??= 'application/json';
      } else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(baseUrl + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await app.close();
      restoreClock();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Makes the app's CLOCK provider (one object shared by every injection) delegate to `clock`; returns the undo. */
function useClock(app: NestFastifyApplication, clock: Clock): () => void {
  const provided = app.get<Clock>(CLOCK);
  const original = provided.now;
  provided.now = () => clock.now();
  return () => {
    provided.now = original;
  };
}
