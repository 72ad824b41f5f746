/**
 * npm run rebuild: rebuilds every projection side by side from position 0 while the current read
 * models keep serving, then swaps each one in. Progress and figures go to stdout.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { LedgerModule } from '../apps/api/src/ledger/ledger.module';
import { ProjectionsService } from '../apps/api/src/ledger/projections.service';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(LedgerModule, { logger: ['error', 'warn'] });
  const projections = app.get(ProjectionsService);
  console.log(`rebuilding ${projections.statuses().map((s) => s.name).join(', ')} ...`);
  for (const result of await projections.rebuildAll()) {
    const rate = result.seconds > 0 ? Math.round(result.events / result.seconds) : result.events;
    console.log(`  ${result.name}: ${result.events} events in ${result.seconds.toFixed(2)} s (${rate} events/s), swapped in`);
  }
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
