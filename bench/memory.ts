/**
 * npm run bench:memory: the API's RSS once it has caught up with a realistic log by itself
 * (--events 2000000 for the target's size; see lib/dataset-api.ts), and after the payroll and
 * as-of reads, which run in the same session as in `npm run bench`: the figure is the highest RSS
 * seen through all of it.
 */
import 'reflect-metadata';
import { parseArgs } from './lib/args';
import { benchAsOf, benchPayroll, memoryFigures, withDatasetApi } from './lib/dataset-api';
import { realisticLog } from './lib/datasets';
import { printFigures } from './lib/report';

const args = parseArgs();
realisticLog(args)
  .then((dataset) =>
    withDatasetApi(args, dataset, async (session) => [
      ...(await benchPayroll(session)),
      ...(await benchAsOf(session, args.reads)),
      ...memoryFigures(session),
    ]),
  )
  .then((figures) => printFigures('Frånvaroliggaren benchmarks: memory (with the payroll and as-of reads it includes)', figures, args.json))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
