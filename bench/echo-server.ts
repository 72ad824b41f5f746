/**
 * The ingest anchor: a bare Fastify server that answers POST /v1/absences by echoing the JSON body
 * (201), and GET /health. No validation, no auth, no storage: what the hardware and Node give.
 */
import Fastify from 'fastify';

async function main(): Promise<void> {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  app.post('/v1/absences', async (request, reply) => {
    void reply.code(201);
    return request.body;
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
  // A normal exit on SIGTERM/SIGINT, so `node --cpu-prof` writes its profile.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
