import { createHash } from 'node:crypto';
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

/** The HTTP server's limits (documented in docs/integrity.md "Hardened edges"), from the environment. */
export interface HttpLimits {
  /** HTTP_REQUEST_TIMEOUT_MS (30 000): a request, body included, must arrive within this (a trickled body is cut off). */
  requestTimeoutMs: number;
  /** HTTP_HEADERS_TIMEOUT_MS (10 000): the headers must arrive within this. */
  headersTimeoutMs: number;
  /** HTTP_KEEP_ALIVE_TIMEOUT_MS (5 000): an idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** HTTP_MAX_REQUESTS_PER_SOCKET (1 000): requests on one kept-alive connection before it is closed. */
  maxRequestsPerSocket: number;
  /** HTTP_MAX_CONNECTIONS (1 024): connections beyond this are refused at once. */
  maxConnections: number;
  /** RATE_LIMIT_PER_MINUTE (1 200; 0 turns it off): requests per token (or per address without one), a bucket refilled evenly. */
  rateLimitPerMinute: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer ${min}–${max}, not "${raw}"`);
  return n;
}

export function httpLimits(env: NodeJS.ProcessEnv = process.env): HttpLimits {
  const requestTimeoutMs = int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000);
  return {
    requestTimeoutMs,
    headersTimeoutMs: Math.min(int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000), requestTimeoutMs),
    keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5000, 100, 600_000),
    maxRequestsPerSocket: int(env, 'HTTP_MAX_REQUESTS_PER_SOCKET', 1000, 1, 1_000_000),
    maxConnections: int(env, 'HTTP_MAX_CONNECTIONS', 1024, 1, 1_000_000),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0, 10_000_000),
  };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

/** Fastify's server options for the limits, and an answer in problem+json to a malformed request (431, 408, 400). */
export function serverOptions(limits: HttpLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    clientErrorHandler: (error: Error & { code?: string }, socket: import('node:net').Socket) => {
      if (!socket.writable) {
        socket.destroy(error);
        return;
      }
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const title = REASONS[status];
      const body = JSON.stringify({
        type: `urn:franvaroliggaren:problem:${title.toLowerCase().replace(/\s+/g, '-')}`,
        title,
        status,
        detail: status === 431 ? 'the request headers are too large' : status === 408 ? 'the request did not arrive in time' : 'the request is malformed',
      });
      socket.end(
        `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  };
}

/** The node server's own limits: the connection cap and the headers timeout. */
export function applyServerLimits(server: import('node:http').Server, limits: HttpLimits): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
}

/** Deepest nesting of arrays and objects a body may have. */
export const MAX_JSON_DEPTH = 32;

function bodyError(status: number, message: string, code = 'FST_ERR_CTP_INVALID_JSON_BODY'): Error {
  return Object.assign(new Error(message), { statusCode: status, code });
}

/** Depth of the deepest array or object in a JSON text (strings skipped), stopping once past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * Bodies are JSON in UTF-8 only: another charset or content type answers 415, bytes that are not
 * UTF-8 400 (never stored as U+FFFD), nesting deeper than MAX_JSON_DEPTH 400 (before any parsing or
 * validation recurses into it); `__proto__` and `constructor.prototype` keys are refused.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(String(request.headers['content-type'] ?? ''))?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(bodyError(415, `bodies are JSON in UTF-8; charset=${charset} is not accepted`, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'), undefined);
      return;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
    } catch {
      done(bodyError(400, 'the body is not valid UTF-8 JSON'), undefined);
      return;
    }
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(bodyError(400, `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-token rate limit on /v1: a token bucket per bearer token (by its sha256, never the token
 * itself), or per client address without one; answers 429 problem+json with Retry-After.
 */
export function installRateLimit(fastify: FastifyInstance, perMinute: number): void {
  if (perMinute <= 0) return;
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/')) return;
    const auth = request.headers.authorization;
    const key = auth ? `t:${createHash('sha256').update(auth).digest('base64url').slice(0, 22)}` : `a:${request.ip}`;
    const now = Date.now();
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= 100_000) buckets.clear();
      buckets.set(key, (b = { tokens: perMinute, at: now }));
    }
    b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * perMs);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
    return reply
      .code(429)
      .header('retry-after', String(retryAfter))
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send({
        type: 'urn:franvaroliggaren:problem:too-many-requests',
        title: 'Too many requests',
        status: 429,
        detail: `at most ${perMinute} requests a minute per token; try again in ${retryAfter} s`,
      });
  });
}
