/** Command-line flags of the benchmark scripts: `--name value` or `--name=value`, numbers with `_` allowed (2_000_000). */
export interface BenchArgs {
  /** Events in the realistic log (rebuild, payroll, as-of, memory). */
  events: number;
  /** Employees in the realistic log (and in the payroll month). */
  employees: number;
  /** Measured POST /v1/absences requests (ingest); each is a distinct report for a distinct employee. */
  requests: number;
  /** Warm-up requests before the measured ones (their own employees). */
  warmup: number;
  /** Concurrent connections of the ingest load. */
  connections: number;
  /** Sequential as-of reads measured. */
  reads: number;
  /** Seed of the generator's random numbers. */
  seed: number;
  /** Build the log with the project's simulator (`auto`: when it exists), or with the bench generator. */
  source: 'auto' | 'simulator' | 'generator';
  /** Write the figures as JSON here (besides the table on stdout). */
  json: string | undefined;
  /** Keep the run directories under .bench/ for inspection. */
  keep: boolean;
  /** Ingest: profile the API's main thread during the measured load and print where a request's time goes. */
  profile: boolean;
  /** Extra node flags for the API child process, e.g. --cpu-prof. */
  apiNodeArgs: string[];
}

const DEFAULTS: BenchArgs = {
  events: 400_000,
  employees: 40_000,
  requests: 40_000,
  warmup: 5_000,
  connections: 64,
  reads: 3_000,
  seed: 1,
  source: 'auto',
  json: undefined,
  keep: false,
  profile: false,
  apiNodeArgs: [],
};

export function parseArgs(argv: string[] = process.argv.slice(2)): BenchArgs {
  const args: BenchArgs = { ...DEFAULTS, apiNodeArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].indexOf('=');
    let name = eq < 0 ? argv[i] : argv[i].slice(0, eq);
    const value = eq < 0 ? undefined : argv[i].slice(eq + 1);
    if (!name.startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    name = name.slice(2);
    const next = () => {
      if (value !== undefined) return value;
      const v = argv[++i];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(next().replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
      return n;
    };
    switch (name) {
      case 'events': args.events = int(); break;
      case 'employees': args.employees = int(); break;
      case 'requests': args.requests = int(); break;
      case 'warmup': args.warmup = int(); break;
      case 'connections': args.connections = int(); break;
      case 'reads': args.reads = int(); break;
      case 'seed': args.seed = int(); break;
      case 'source': {
        const v = next();
        if (v !== 'auto' && v !== 'simulator' && v !== 'generator') throw new Error('--source must be auto, simulator or generator');
        args.source = v;
        break;
      }
      case 'json': args.json = next(); break;
      case 'keep': args.keep = true; break;
      case 'profile': args.profile = true; break;
      case 'api-node-arg': args.apiNodeArgs.push(next()); break;
      case 'help':
        console.log(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown flag --${name} (try --help)`);
    }
  }
  if (args.employees < 10) throw new Error('--employees must be at least 10');
  if (args.connections < 1) throw new Error('--connections must be at least 1');
  return args;
}

export const HELP = `Benchmarks against anchors (docs/BENCHMARKS.md).

  npm run bench [-- flags]          all of them, one table
  npm run bench:ingest | bench:rebuild | bench:payroll | bench:asof | bench:memory
  npm run bench:data [-- flags]     only build (and cache) the data sets

flags:
  --events N        events in the realistic log (default ${DEFAULTS.events}; the full size is 2_000_000)
  --employees N     employees in the log and the payroll month (default ${DEFAULTS.employees})
  --requests N      measured POST /v1/absences requests (default ${DEFAULTS.requests})
  --warmup N        warm-up requests before them (default ${DEFAULTS.warmup})
  --connections N   concurrent connections of the ingest load (default ${DEFAULTS.connections})
  --reads N         sequential as-of reads (default ${DEFAULTS.reads})
  --seed N          generator seed (default ${DEFAULTS.seed})
  --source auto|simulator|generator   who builds the log (default auto: the simulator when present)
  --json FILE       also write the figures as JSON
  --keep            keep the run directories under .bench/
  --profile         ingest: CPU-profile the API during the measured load and print where each
                    request's main-thread time goes (command, projections, HTTP, JWT, GC, ...)
  --api-node-arg X  extra node flag for the API process (repeatable), e.g. --api-node-arg=--cpu-prof
`;
