/**
 * `npm start`: the API in the embedded profile with a demo organisation (written by the simulator
 * on the first start), ready tokens, and the web front end's demo sign-in page at /demo. The API's own entry point knows nothing of demo data.
 */
import 'reflect-metadata';
import { createHttpApp } from '../apps/api/src/http-app';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { demoPeople, prepareDemo, printDemoWelcome } from './demo/demo';

async function main(): Promise<void> {
  await prepareDemo();
  // The web front end's sign-in page (/demo) and the tokens it mints exist only here, never in start:prod.
  const started: { app?: NestFastifyApplication } = {};
  const app = await createHttpApp({ web: { demo: demoPeople(() => started.app) } });
  started.app = app;
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '0.0.0.0');
  await printDemoWelcome(app, port);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
