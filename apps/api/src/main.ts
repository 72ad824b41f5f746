import 'reflect-metadata';
import { preflight } from './ledger/preflight';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  await preflight();
  if (demo) {
    const { prepareDemo } = await import('./demo/demo');
    await prepareDemo();
  }
  const app = await createHttpApp();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '0.0.0.0');
  if (demo) {
    const { printDemoWelcome } = await import('./demo/demo');
    await printDemoWelcome(app, port);
  } else {
    console.log(`Frånvaroliggaren listening on http://localhost:${port} (OpenAPI at /docs)`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
