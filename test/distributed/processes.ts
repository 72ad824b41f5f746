import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/**
 * The entry points of the real processes. The built ones in dist/ (CI runs `npm run build` before
 * `npm test`) when they are newer than every source file; otherwise the TypeScript sources through
 * test/support/ts-register.js, so a stale build is never what a test runs.
 */
const ENTRIES = {
  api: 'apps/api/src/main',
  projector: 'apps/projector/src/main',
  worker: 'apps/worker/src/main',
  rebuild: 'tools/rebuild',
} as const;
export type ProcessKind = keyof typeof ENTRIES;

let distIsFresh: boolean | undefined;
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function commandFor(kind: ProcessKind): string[] {
  if (distIsFresh === undefined) {
    const built = join(ROOT, 'dist', `${ENTRIES.api}.js`);
    distIsFresh =
      existsSync(built) && statSync(built).mtimeMs > Math.max(...['apps', 'libs', 'tools'].map((d) => newestSource(join(ROOT, d))));
  }
  return distIsFresh ? [join(ROOT, 'dist', `${ENTRIES[kind]}.js`)] : ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, `${ENTRIES[kind]}.ts`)];
}

export interface RunningProcess {
  kind: ProcessKind;
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves when the output matches `pattern` (rejects if the process exits first or after the timeout). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts one of the service's processes as a separate OS process with `env` (on top of this process's environment). */
export function startProcess(kind: ProcessKind, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, commandFor(kind), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const append = (c: Buffer) => {
    out += c.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    for (const l of listeners) l();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const l of listeners) l();
  });
  return {
    kind,
    child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            done();
            resolve(m);
          } else if (hasExited) {
            done();
            reject(new Error(`${kind} exited before ${pattern}: ${out.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${kind}: no ${pattern} in ${timeoutMs} ms: ${out.slice(-2000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async kill(signal) {
      if (!hasExited) child.kill(signal);
      return exited;
    },
  };
}
