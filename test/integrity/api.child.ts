/** Child process for the seal's kill -9 test: the whole API (projections and sealer included) on port 0. */
import 'reflect-metadata';
import { createHttpApp } from '../../apps/api/src/http-app';

void (async () => {
  const app = await createHttpApp({ logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.stdout.write(`ready ${port}\n`);
})();
