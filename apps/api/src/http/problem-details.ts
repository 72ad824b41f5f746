import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, FieldError } from '@ledger/domain';
import { EventStoreUnavailableError } from '@ledger/event-store';
import { IntegrityFailureError } from '@ledger/ledger';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** RFC 9457 problem details: every 4xx and 5xx is answered as application/problem+json. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A 400 that names every offending field. */
export class InvalidInputException extends HttpException {
  constructor(readonly errors: FieldError[]) {
    super(`invalid input: ${errors.map((e) => e.field).join(', ')}`, HttpStatus.BAD_REQUEST);
  }
}

/** 503 with Retry-After: a projection has not reached the requested position in time. */
export class ProjectionBehindException extends HttpException {
  constructor(readonly projection: string) {
    super(`the ${projection} read model has not reached the requested position yet`, HttpStatus.SERVICE_UNAVAILABLE);
  }
}

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
};

const TITLES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Domain rule broken',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

const slug = (status: number) => (TITLES[status] ?? 'Error').toLowerCase().replace(/\s+/g, '-');

export function problem(status: number, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: `urn:franvaroliggaren:problem:${slug(status)}`, title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.kind];
    return problem(status, error.message, {
      ...(error.errors.length > 0 ? { errors: error.errors } : {}),
      ...error.details,
    });
  }
  if (error instanceof EventStoreUnavailableError) return problem(503, 'the event store is not reachable; this request may not have been recorded: send it again (with the same Idempotency-Key)');
  if (error instanceof IntegrityFailureError) {
    return {
      type: 'urn:franvaroliggaren:problem:integrity-failure',
      title: 'Integrity failure',
      status: 500,
      detail: error.message,
      streamId: error.streamId,
      failures: error.failures.slice(0, 20),
    };
  }
  if (error instanceof InvalidInputException) return problem(400, error.message, { errors: error.errors });
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? ((response as { message: string[] }).message).join('; ')
          : String((response as { message?: unknown }).message ?? error.message);
    return problem(status, detail);
  }
  // Errors raised by Fastify before routing (bad JSON, body too large, wrong content type).
  const fastify = error as { statusCode?: number; message?: string; code?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return problem(fastify.statusCode, fastify.message ?? 'bad request', fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastify.message?.includes('JSON') ? { errors: [{ field: 'body', message: fastify.message ?? 'invalid JSON' }] } : {});
  }
  return problem(500, 'an unexpected error occurred; it has been logged');
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toProblem(error);
    if (error instanceof EventStoreUnavailableError) {
      host.switchToHttp().getRequest<FastifyRequest>().log.warn({ status: 503 }, error.message);
    } else if (body.status >= 500 && !(error instanceof ProjectionBehindException) && !(error instanceof IntegrityFailureError)) {
      // request.log carries the request id; the answer says only that it was logged.
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      request.log.error({ err: error instanceof Error ? error : new Error(String(error)), status: body.status }, 'request failed');
    }
    if (error instanceof ProjectionBehindException) void reply.header('Retry-After', '1');
    if (error instanceof EventStoreUnavailableError) void reply.header('Retry-After', '2');
    void reply.status(body.status).header('Content-Type', 'application/problem+json; charset=utf-8').send(body);
  }
}
