import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A client's X-Request-Id is kept when it is 1–128 characters of these; otherwise a new one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/** Fastify's genReqId: the caller's X-Request-Id when it is one header and valid, else a UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** What one answered request tells the metrics (route is the pattern, never the concrete URL). */
export interface AnsweredRequest {
  method: string;
  route: string;
  status: number;
  seconds: number;
}

export interface RequestLoggingOptions {
  hashSubject: (sub: string) => string;
  /** Called once per answered request (the HTTP metrics). */
  onAnswered?: (answered: AnsweredRequest) => void;
}

/** The route pattern of a request, `unmatched` for one no route took (404s: never the raw URL). */
export const routeOf = (request: FastifyRequest): string => request.routeOptions?.url ?? 'unmatched';

/**
 * Every answer carries X-Request-Id; every request gives one `request` line when it is answered:
 * method, route pattern, status, duration, request id and the caller's hashed sub. No URL (it may
 * hold ids and dates in its query), no body, no header.
 */
export function installRequestLogging(fastify: FastifyInstance, options: RequestLoggingOptions): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = routeOf(request);
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    const actor = (request as FastifyRequest & { actor?: { sub: string } }).actor;
    const line = {
      method: request.method,
      route,
      status: reply.statusCode,
      durationMs,
      ...(actor ? { subHash: options.hashSubject(actor.sub) } : {}),
    };
    if (reply.statusCode >= 500) request.log.error(line, 'request');
    else request.log.info(line, 'request');
    options.onAnswered?.({ method: request.method, route, status: reply.statusCode, seconds: reply.elapsedTime / 1000 });
    done();
  });
}
