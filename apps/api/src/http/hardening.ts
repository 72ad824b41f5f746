import type { FastifyInstance } from 'fastify';

/** Headers on every /v1 answer: personal data is never cached, sniffed, framed or leaked by referrer. */
export const V1_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
};

/** Adds the security headers to every answer under /v1 (problems included) and nosniff everywhere. */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/v1/') || request.url === '/v1') {
      for (const [name, value] of Object.entries(V1_SECURITY_HEADERS)) void reply.header(name, value);
    } else {
      void reply.header('x-content-type-options', 'nosniff');
    }
    return payload;
  });
}
