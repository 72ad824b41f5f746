/**
 * The OpenAPI document (GET /docs/openapi.json) and its interactive page (GET /docs, served from the
 * files of the installed swagger-ui-dist package: it works offline, no CDN).
 *
 * How to document a route (test/e2e/openapi.e2e-spec.ts fails when a registered route is missing
 * from the document or has no 2xx response schema, or a protected one names no roles):
 *
 *   @Post('absences/:id/withdrawal')
 *   @HttpCode(200)
 *   @Roles('employee', 'manager', 'hr')          // enforces the roles and writes them as `x-roles`
 *   @ApiAccess('the employee (self), a manager of the case’s department, hr')   // the rule per object, if any
 *   @ApiOperation({ summary: 'Withdraw an absence that did not happen' })
 *   @ApiIdempotencyKey()                          // commands that take an Idempotency-Key
 *   @ApiOkResponse({ type: AbsenceCommandResultDto })   // a response DTO class with @ApiProperty({ example }) fields
 *   @ApiProblems(400, 403, 404, 409)              // the problem+json errors the route can answer
 *
 * - Routes whose access is decided per object only (no @Roles) name their roles with
 *   `@ApiAccess(rule, [roles])`.
 * - Every protected route also gets 401, and every route 500, as problem+json (added below in
 *   `completeDocument`); list only the others in @ApiProblems.
 * - A response that is not JSON (CSV, XML, Prometheus text) is documented with `content: { type: { schema } }`.
 * - Response DTO classes live beside the request DTOs of their feature (`*.dto.ts`), one @ApiProperty
 *   per field with an `example`, `nullable: true` where the field may be null.
 */
import { applyDecorators, INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExtension, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse, DocumentBuilder, OpenAPIObject, SwaggerModule, getSchemaPath } from '@nestjs/swagger';
import type { Role } from '@ledger/domain';

export class FieldErrorDto {
  @ApiProperty({ example: 'extentPercent', description: 'The offending field (a dotted path for nested fields, or a header name)' })
  field!: string;
  @ApiProperty({ example: 'extentPercent must not be greater than 100' })
  message!: string;
}

/** RFC 9457 problem details, the body of every 4xx and 5xx answer (application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:franvaroliggaren:problem:invalid-input' })
  type!: string;
  @ApiProperty({ example: 'Invalid input' })
  title!: string;
  @ApiProperty({ example: 400 })
  status!: number;
  @ApiProperty({ example: 'invalid input: extentPercent' })
  detail!: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: '400: every offending field' })
  errors?: FieldErrorDto[];
}

const PROBLEM_EXAMPLES: Record<number, { description: string; title: string; detail: string; errors?: FieldErrorDto[] }> = {
  400: {
    description: 'Invalid input: every offending field is named in `errors`; unknown fields are refused',
    title: 'Invalid input',
    detail: 'invalid input: extentPercent',
    errors: [{ field: 'extentPercent', message: 'extentPercent must not be greater than 100' }],
  },
  401: { description: 'No valid bearer token', title: 'Unauthorized', detail: 'a bearer token is required' },
  403: { description: 'The caller’s roles or scope do not allow this', title: 'Forbidden', detail: 'this needs one of the roles: hr' },
  404: { description: 'Unknown id', title: 'Not found', detail: 'absence 3f0c5d52-9a4e-4f7b-8d0e-2b1c6a7e9f10 not found' },
  409: {
    description: 'A conflict: version mismatch, overlapping absence, Idempotency-Key reused with another body, or a state that forbids the command',
    title: 'Conflict',
    detail: 'expected version 2 but the case is at version 3',
  },
  413: { description: 'The body is too large', title: 'Payload too large', detail: 'request body is too large' },
  415: { description: 'The body is not application/json', title: 'Unsupported media type', detail: 'send application/json' },
  422: { description: 'Well-formed, but a domain rule forbids it', title: 'Domain rule broken', detail: 'a manager never attests their own absence' },
  429: { description: 'Too many requests', title: 'Too many requests', detail: 'slow down' },
  500: { description: 'An unexpected error (logged with the request id)', title: 'Internal error', detail: 'an unexpected error occurred; it has been logged' },
  503: {
    description: 'A read model has not reached `minPosition` in time (Retry-After), or the service cannot serve',
    title: 'Service unavailable',
    detail: 'the absences read model has not reached the requested position yet',
  },
};

function problemResponse(status: number) {
  const known = PROBLEM_EXAMPLES[status] ?? { description: 'Error', title: 'Error', detail: 'error' };
  const slug = known.title.toLowerCase().replace(/\s+/g, '-');
  return {
    description: known.description,
    content: {
      'application/problem+json': {
        schema: { $ref: getSchemaPath(ProblemDto) },
        example: {
          type: `urn:franvaroliggaren:problem:${slug}`,
          title: known.title,
          status,
          detail: known.detail,
          ...(known.errors ? { errors: known.errors } : {}),
        },
      },
    },
  };
}

/** The problem+json errors a route can answer besides 401 and 500 (which every protected route gets). */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));

/**
 * Who may call a route, for the document: `rule` states the per-object rule (self, own departments);
 * `roles` is needed only where no @Roles enforces a role list (it then becomes `x-roles`).
 */
export const ApiAccess = (rule: string, roles?: Role[]) =>
  applyDecorators(ApiExtension('x-access', rule), ...(roles ? [ApiExtension('x-roles', roles)] : []));

/** The optional Idempotency-Key header of a command. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and body answers with the original result; the same key with another body answers 409. 1–128 characters of A–Z, a–z, 0–9, . _ : -',
    schema: { type: 'string', maxLength: 128, pattern: '^[A-Za-z0-9._:-]{1,128}$', example: '7d3c9a8e-2f41-4b7a-9c55-0e2a1f6b3d21' },
  });

type Operation = {
  description?: string;
  security?: unknown[];
  responses: Record<string, unknown>;
  'x-roles'?: string[];
  'x-access'?: string;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Every operation of the document with its path and method. */
export function operationsOf(document: OpenAPIObject): Array<{ path: string; method: string; operation: Operation }> {
  const out: Array<{ path: string; method: string; operation: Operation }> = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) out.push({ path, method, operation });
    }
  }
  return out;
}

/** Adds 401 (protected routes) and 500 to every operation and writes the roles into its description. */
function completeDocument(document: OpenAPIObject): OpenAPIObject {
  for (const { operation } of operationsOf(document)) {
    const secured = (operation.security?.length ?? 0) > 0;
    if (secured && !operation.responses['401']) operation.responses['401'] = problemResponse(401);
    if (!operation.responses['500']) operation.responses['500'] = problemResponse(500);
    const roles = operation['x-roles'];
    const lines = [operation.description ?? ''];
    if (!secured) lines.push('**Roles:** none (no token needed).');
    else if (roles) lines.push(`**Roles:** ${roles.join(', ')}.`);
    if (operation['x-access']) lines.push(`**Access:** ${operation['x-access']}.`);
    operation.description = lines.filter((l) => l !== '').join('\n\n');
  }
  return document;
}

const DESCRIPTION = `Event-sourced absence ledger for Swedish municipalities (HTTP contract v1).

- Authentication: \`Authorization: Bearer <JWT>\` with \`sub\` and \`roles\` (employee, manager, hr, integration, payroll, auditor).
  Each operation names its roles (also as \`x-roles\`) and, where access depends on the object, the rule (\`x-access\`).
- Errors are RFC 9457 \`application/problem+json\`; a 400 names every offending field in \`errors\`.
- Every command answers \`{ …ids, version, position }\`; queries served from read models take \`minPosition\` to read your own writes.
- Every answer carries \`X-Request-Id\` (the one sent, when valid, or a new one); quote it when reporting a problem.`;

/** Builds the complete document from the app's controllers and decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Frånvaroliggaren')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, FieldErrorDto] });
  return completeDocument(document);
}

/** Serves the page at /docs (swagger-ui-dist's own files) and the document at /docs/openapi.json. */
export function mountOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    raw: ['json'],
    customSiteTitle: 'Frånvaroliggaren API',
    swaggerOptions: { persistAuthorization: false, displayRequestDuration: true },
  });
  return document;
}
