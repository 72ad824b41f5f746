import 'reflect-metadata';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { preflight } from '@ledger/ledger';
import { createHttpApp } from './http-app';
import { settingsInForce } from './logging/lifecycle-log';
import { rootLogger } from '@ledger/logging';

async function main(): Promise<void> {
  await preflight();
  const app = await createHttpApp();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '0.0.0.0');
  rootLogger().info({ port, settings: settingsInForce(app.get<LedgerConfig>(LEDGER_CONFIG)) }, 'started');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
