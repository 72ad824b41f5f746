/** npm run bench:data: builds (and caches under .bench/data) the data sets the benchmarks use. */
import 'reflect-metadata';
import { parseArgs } from './lib/args';
import { masterDataSeed, realisticLog } from './lib/datasets';

async function main(): Promise<void> {
  const args = parseArgs();
  const seed = await masterDataSeed(args.requests + args.warmup, args.seed);
  console.log(`ingest seed: .bench/data/${seed.key} (${seed.summary.events} events)`);
  const log = await realisticLog(args);
  const s = log.summary;
  console.log(
    `realistic log (${log.source}): .bench/data/${log.key}: ${s.events} events, ${s.employees} employees, ${s.cases} cases, ` +
      `${s.firstDay} to ${s.lastDay}, refused ${JSON.stringify(s.refused)}, built in ${Math.round(s.seconds)} s`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
