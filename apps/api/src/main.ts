import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from './http-app';
import type { DemoSignIn } from './web/demo-sign-in';

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  let demoSignIn: DemoSignIn | undefined;
  const started: { app?: NestFastifyApplication } = {};
  if (demo) {
    const { prepareDemo, demoPeople } = await import('./demo/demo');
    await prepareDemo();
    demoSignIn = demoPeople(() => started.app);
  }
  const app = await createHttpApp({ web: { demo: demoSignIn } });
  started.app = app;
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
