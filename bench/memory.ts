/**
 * npm run bench:memory: the API's RSS once it has caught up with a realistic log by itself
 * (--events 2000000 for the target's size; see lib/dataset-api.ts).
 */
import 'reflect-metadata';
import { parseArgs } from './lib/args';
import { memoryFigures, withDatasetApi } from './lib/dataset-api';
import { realisticLog } from './lib/datasets';
import { printFigures } from './lib/report';

const args = parseArgs();
realisticLog(args)
  .then((dataset) => withDatasetApi(args, dataset, async (session) => memoryFigures(session)))
  .then((figures) => printFigures('Frånvaroliggaren benchmarks: memory', figures, args.json))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
