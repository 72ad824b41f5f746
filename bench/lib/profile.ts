import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What a V8 CPU profile (node --cpu-prof) holds, as far as the breakdown reads it. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a sample's time goes, by the first category whose pattern matches a frame of its stack
 * (categories are tried in this order, so a projection's SQLite read counts as the projection's).
 */
const CATEGORIES: Array<[string, RegExp]> = [
  ['command: load, rules, hash chain', /command-pipeline|absence-command-runner|master-data-reader|employee-absence-index|hash-chain|\/absences\/commands\//],
  ['projections: apply and commit read models', /projection-runner|unit-of-work|\.projection\.js|reminder-scanner|read-store/],
  ['event store: group commit and fsync', /sqlite-event-store|better-sqlite3\/lib\/methods\/transaction/],
  ['JWT verification', /auth\.guard|token-verifier|node_modules\/jose\//],
  ['input validation', /validation\.pipe|class-validator|class-transformer|\/http\/validators/],
  ['HTTP and Nest routing', /fastify|router-execution|_http_|@nestjs|secure-json-parse|node:net|writev|light-my-request/],
  ['garbage collection', /^\(garbage collector\)/],
  ['idle', /^\(idle\)/],
];

export interface CpuShare {
  category: string;
  /** Main-thread time per request, in µs. */
  perRequestUs: number;
  share: number;
}

/** The main thread's profile in a --cpu-prof-dir (file names end in .<pid>.0.<seq>.cpuprofile; thread 0 is the main thread). */
export function mainThreadProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  return files.length > 0 ? join(dir, files[0]) : undefined;
}

/**
 * The main thread's time between two instants of the monotonic clock (process.hrtime, which V8's
 * profile clock is on Linux) by category, per request answered in that window.
 */
export function cpuBreakdown(file: string, window: { fromUs: number; toUs: number }, requests: number): CpuShare[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categoryOf = new Map<number, string>();
  const classify = (leaf: number): string => {
    const known = categoryOf.get(leaf);
    if (known) return known;
    const frames: string[] = [];
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      frames.push(`${f.functionName} ${f.url}`);
    }
    const category = CATEGORIES.find(([, pattern]) => frames.some((f) => pattern.test(f)))?.[0] ?? 'other';
    categoryOf.set(leaf, category);
    return category;
  };
  const time = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((sample, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < window.fromUs || at > window.toUs) return;
    const dt = profile.timeDeltas[i] ?? 0;
    const category = classify(sample);
    time.set(category, (time.get(category) ?? 0) + dt);
    total += dt;
  });
  return [...time]
    .sort((a, b) => b[1] - a[1])
    .map(([category, us]) => ({ category, perRequestUs: us / Math.max(requests, 1), share: total > 0 ? us / total : 0 }));
}
