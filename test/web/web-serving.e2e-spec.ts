import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildWeb, Service, startService } from './service';

/**
 * The web front end as start:prod serves it: the app at / and on its pages, never in place of
 * /v1, /docs, /health or /metrics, and no demo sign-in (nothing there mints tokens).
 */
describe('web front end served by the API (start:prod)', () => {
  let web: string;
  let service: Service;

  beforeAll(async () => {
    web = buildWeb();
    service = await startService({ demo: false, port: 4711, webDistDir: web, env: { OIDC_ISSUER: 'https://login.example.se/realms/kommun', OIDC_CLIENT_ID: 'franvaro-web' } });
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    if (web) rmSync(web, { recursive: true, force: true });
  });

  const get = (path: string, init?: RequestInit) => fetch(service.baseUrl + path, init);

  it.each(['/', '/mig', '/chef/inkorg', '/revision', '/logga-in', '/logga-in/klar'])('serves the app at %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="root"></div>');
  });

  it('serves the hashed assets with a long cache life', async () => {
    const asset = readdirSync(join(web, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await get(`/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('never answers /v1, /docs, /health or /metrics with the app', async () => {
    const unknown = await get('/v1/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const v1 = await get('/v1/notifications?recipient=x');
    expect(v1.status).toBe(401);
    const health = await get('/health');
    expect(health.headers.get('content-type')).toMatch(/json/);
    const metrics = await get('/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    const docs = await get('/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    for (const path of ['/docs/nothing', '/health/x', '/metrics/x', '/v1']) {
      const res = await get(path);
      expect({ path, type: res.headers.get('content-type') }).not.toEqual({ path, type: expect.stringMatching(/text\/html/) });
    }
  });

  it('refuses the demo sign-in page and everything that would mint its tokens', async () => {
    expect((await get('/demo')).status).toBe(404);
    expect((await get('/demo/people.json')).status).toBe(404);
    const token = await get('/demo/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: 'hr-demo' }) });
    expect(token.status).toBe(404);
    expect(await token.text()).not.toMatch(/eyJ/);
  });

  it('tells the front end to sign in through the OIDC provider from the environment', async () => {
    const res = await get('/web-config.json');
    expect(await res.json()).toEqual({ demo: false, oidc: { issuer: 'https://login.example.se/realms/kommun', clientId: 'franvaro-web', scope: 'openid profile', audience: null } });
  });
});
