import 'reflect-metadata';
import { preflight } from '@ledger/ledger';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  await preflight();
  const app = await createHttpApp();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '0.0.0.0');
  console.log(`Frånvaroliggaren listening on http://localhost:${port} (OpenAPI at /docs)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
