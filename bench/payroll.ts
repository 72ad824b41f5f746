/** npm run bench:payroll: every payroll line of a month for 40 000 employees over HTTP (see lib/dataset-api.ts). */
import 'reflect-metadata';
import { parseArgs } from './lib/args';
import { benchPayroll, withDatasetApi } from './lib/dataset-api';
import { realisticLog } from './lib/datasets';
import { printFigures } from './lib/report';

const args = parseArgs();
realisticLog(args)
  .then((dataset) => withDatasetApi(args, dataset, benchPayroll))
  .then((figures) => printFigures('Frånvaroliggaren benchmarks: payroll', figures, args.json))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
