/** npm run bench:asof: p50 and p99 of GET /v1/absences/{id}?asOf= over HTTP (see lib/dataset-api.ts). */
import 'reflect-metadata';
import { parseArgs } from './lib/args';
import { benchAsOf, withDatasetApi } from './lib/dataset-api';
import { realisticLog } from './lib/datasets';
import { printFigures } from './lib/report';

const args = parseArgs();
realisticLog(args)
  .then((dataset) => withDatasetApi(args, dataset, (session) => benchAsOf(session, args.reads)))
  .then((figures) => printFigures('Frånvaroliggaren benchmarks: as-of', figures, args.json))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
