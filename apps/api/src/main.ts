import 'reflect-metadata';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { createHttpApp } from './http-app';
import { settingsInForce } from './logging/lifecycle-log';
import { rootLogger } from './logging/logger';

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  if (demo) {
    const { prepareDemo } = await import('./demo/demo');
    await prepareDemo();
  }
  const app = await createHttpApp();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '0.0.0.0');
  rootLogger().info({ port, settings: settingsInForce(app.get<LedgerConfig>(LEDGER_CONFIG)) }, 'started');
  if (demo) {
    const { printDemoWelcome } = await import('./demo/demo');
    await printDemoWelcome(app, port);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
