import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Builds the web front end from the current sources into a scratch directory (vite build). */
export function buildWeb(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'ledger-web-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'apps/web', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return outDir;
}

export interface Service {
  baseUrl: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real service as `npm start` (tools/demo.ts) or `npm run start:prod` (apps/api/src/main.ts)
 * would, run from the TypeScript sources, on a port of its own, and waits until /health answers.
 */
export async function startService(options: { demo: boolean; port: number; webDistDir: string; env?: Record<string, string> }): Promise<Service> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-web-data-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(options.port),
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PROFILE: 'embedded',
    WEB_DIST_DIR: options.webDistDir,
    ...(options.demo ? {} : { AUTH_JWT_SECRET: 'web-e2e-secret-that-is-long-enough-for-hs256' }),
    ...options.env,
  };
  const entry = options.demo ? 'tools/demo.ts' : 'apps/api/src/main.ts';
  const child: ChildProcess = spawn(process.execPath, ['-r', './test/support/ts-register.js', entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.status === 200 && (!options.demo || output.includes('is running'))) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the service did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
