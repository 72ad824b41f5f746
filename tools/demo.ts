/**
 * `npm start`: the API in the embedded profile with a demo organisation (written by the simulator
 * on the first start) and ready tokens. The API's own entry point knows nothing of demo data.
 */
import 'reflect-metadata';
import { createHttpApp } from '../apps/api/src/http-app';
import { prepareDemo, printDemoWelcome } from './demo/demo';

async function main(): Promise<void> {
  await prepareDemo();
  const app = await createHttpApp();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '0.0.0.0');
  await printDemoWelcome(app, port);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
