import { routesOf } from '../../apps/api/src/http-app';
import { isWebAppRoute } from '../../apps/api/src/web/web-app';
import { TestApi, startTestApi } from './harness';

/**
 * The OpenAPI document against the routes the app really registers: every route is documented with a
 * 2xx response schema, its roles and its problem+json errors; the page at /docs works offline.
 */

/**
 * Routes Fastify registers that are not part of the API contract: the documentation page itself and
 * its files, and the web front end's pages and files (docs/web.md).
 */
const NOT_IN_DOCUMENT = [/^\/docs(\/|$)/, { test: isWebAppRoute }];

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

interface Operation {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  'x-roles'?: string[];
  description?: string;
}

describe('OpenAPI document', () => {
  let api: TestApi;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is checked field by field
  let document: any;

  beforeAll(async () => {
    api = await startTestApi();
    const r = await api.request('GET', '/docs/openapi.json');
    expect(r.status).toBe(200);
    document = r.body;
  });
  afterAll(async () => api.close());

  const operation = (path: string, method: string): Operation | undefined => document.paths[path]?.[method.toLowerCase()];
  const apiRoutes = () =>
    routesOf(api.app)
      .filter((r) => !NOT_IN_DOCUMENT.some((re) => re.test(r.url)))
      .map((r) => ({ method: r.method, path: toOpenApiPath(r.url) }));

  it('lists the routes it is checked against (the check is not vacuous)', () => {
    const routes = apiRoutes().map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(expect.arrayContaining(['POST /v1/absences', 'GET /v1/absences/{id}', 'GET /health', 'GET /metrics']));
    expect(routes.length).toBeGreaterThan(20);
  });

  it('documents every registered route with a 2xx response that has a schema', () => {
    const missing: string[] = [];
    const withoutSchema: string[] = [];
    for (const { method, path } of apiRoutes()) {
      const op = operation(path, method);
      if (!op) {
        missing.push(`${method} ${path}`);
        continue;
      }
      const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      const hasSchema = ok.some(([, response]) => Object.values(response.content ?? {}).some((media) => media.schema !== undefined));
      if (!hasSchema) withoutSchema.push(`${method} ${path}`);
    }
    expect({ missing, withoutSchema }).toEqual({ missing: [], withoutSchema: [] });
  });

  it('documents no route that the app does not serve', () => {
    const served = new Set(apiRoutes().map((r) => `${r.method} ${r.path}`));
    const documented: string[] = [];
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) documented.push(`${method.toUpperCase()} ${path}`);
    }
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it('names the roles of every protected route and answers its errors as problem+json', () => {
    const problems: string[] = [];
    for (const { method, path } of apiRoutes()) {
      const op = operation(path, method);
      if (!op) continue;
      const name = `${method} ${path}`;
      const secured = (op.security?.length ?? 0) > 0;
      if (secured && !(op['x-roles'] && op['x-roles'].length > 0)) problems.push(`${name}: no x-roles`);
      if (secured && !op.responses['401']) problems.push(`${name}: no 401`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (/^[45]\d\d$/.test(status) && !response.content?.['application/problem+json']) problems.push(`${name}: ${status} is not problem+json`);
      }
      if (op.requestBody && !Object.values(op.requestBody.content ?? {}).some((m) => m.schema !== undefined)) problems.push(`${name}: body without schema`);
    }
    expect(problems).toEqual([]);
  });

  it('has /health and /metrics without a token, and examples in the schemas', () => {
    expect(operation('/health', 'get')?.security ?? []).toEqual([]);
    expect(operation('/metrics', 'get')?.responses['200'].content).toHaveProperty(['text/plain']);
    expect(operation('/v1/absences', 'post')?.description).toContain('**Roles:** employee, manager, hr');
    expect(document.components.schemas.ProblemDto.properties.type.example).toBe('urn:franvaroliggaren:problem:invalid-input');
    expect(JSON.stringify(document.components.schemas)).toContain('"example"');
  });

  it('serves the interactive page from the installed swagger-ui-dist files, with nothing loaded from elsewhere', async () => {
    const page = await api.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = String(page.body);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-ui-init.js']) {
      const r = await fetch(`${api.baseUrl}/docs/${asset}`);
      expect({ asset, status: r.status }).toEqual({ asset, status: 200 });
      expect((await r.text()).length).toBeGreaterThan(100);
    }
  });
});
