/**
 * npm run rebuild: rebuilds every projection side by side from position 0 while the current read
 * models keep serving, then swaps each one in. Progress and figures go to stdout; `--json FILE`
 * also writes the figures (bench:rebuild runs this tool and reads them). On the postgres profile it
 * first takes the projector lock, so it never applies projections beside a running projector.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LedgerModule, ProjectionsService, ProjectorLock } from '@ledger/ledger';

async function main(): Promise<void> {
  const jsonFile = parseArgs({ options: { json: { type: 'string' } } }).values.json;
  const app = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error', 'warn'] });
  try {
    const projections = app.get(ProjectionsService);
    // The postgres profile: only the holder of the projector lock applies projections.
    const lock = app.get(ProjectorLock);
    if (lock.needed) {
      console.log('taking the projector lock (a running projector holds it until it stops; the APIs keep serving meanwhile) ...');
      await lock.acquire();
    }
    console.log(`rebuilding ${projections.statuses().map((s) => s.name).join(', ')} ...`);
    const results = await projections.rebuildAll();
    for (const result of results) {
      console.log(
        `  ${result.name}: ${result.events} events applied in ${result.applySeconds.toFixed(1)} s, ` +
          `committed in ${result.commitSeconds.toFixed(1)} s, swapped in as ${result.namespace}`,
      );
    }
    const seconds = results[0]?.seconds ?? 0;
    console.log(`one pass over the log for all of them: ${seconds.toFixed(1)} s`);
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ seconds, projections: results }, null, 2));
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
