/**
 * npm run bench: every benchmark from one run on one machine, each figure beside its anchor
 * measured in the same run (docs/BENCHMARKS.md).
 */
import 'reflect-metadata';
import { parseArgs } from './lib/args';
import { benchAsOf, benchPayroll, memoryFigures, withDatasetApi } from './lib/dataset-api';
import { realisticLog } from './lib/datasets';
import { Figure, printFigures } from './lib/report';
import { benchIngest } from './ingest';
import { benchRebuild } from './rebuild';

async function main(): Promise<void> {
  const args = parseArgs();
  const started = Date.now();
  const figures: Figure[] = [];
  // The data set first, so building it (once; it is cached) never overlaps a measurement.
  const dataset = await realisticLog(args);
  figures.push(...(await benchIngest(args)));
  figures.push(...(await benchRebuild(args, dataset)));
  figures.push(
    ...(await withDatasetApi(args, dataset, async (session) => [
      ...(await benchPayroll(session)),
      ...(await benchAsOf(session, args.reads)),
      ...memoryFigures(session),
    ])),
  );
  printFigures('Frånvaroliggaren benchmarks (npm run bench)', figures, args.json, {
    args: { ...args, apiNodeArgs: undefined },
    dataset: { key: dataset.key, source: dataset.source, summary: dataset.summary },
    seconds: (Date.now() - started) / 1000,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
