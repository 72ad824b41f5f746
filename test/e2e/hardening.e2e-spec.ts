import { SignJWT } from 'jose';
import { connect } from 'node:net';
import { TestApi, SECRET, startTestApi } from './harness';
import { createHttpApp } from '../../apps/api/src/http-app';

/** The hardened edges: each finding of the hostile-client test, as a regression test. */
describe('hardened HTTP edges', () => {
  let api: TestApi;
  let hr: string;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '30', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_HEADERS_TIMEOUT_MS: '2000' });
    hr = await api.token('HR1', 'hr');
    expect((await api.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'D1', managerIds: [] } })).status).toBe(200);
  });
  afterAll(async () => {
    await api.close();
    delete process.env.RATE_LIMIT_PER_MINUTE;
    delete process.env.HTTP_REQUEST_TIMEOUT_MS;
    delete process.env.HTTP_HEADERS_TIMEOUT_MS;
  });

  const sign = (claims: Record<string, unknown>, build: (j: SignJWT) => SignJWT = (j) => j) =>
    build(new SignJWT({ roles: ['hr'], ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('HR9')).sign(new TextEncoder().encode(SECRET));

  it('refuses a token without exp, and says why in its own words', async () => {
    const r = await api.request('GET', '/v1/departments', { token: await sign({}) });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.detail).toMatch(/no expiry/);
    const expired = await api.request('GET', '/v1/departments', { token: await sign({}, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 60)) });
    expect(expired.body.detail).toBe('the token has expired');
    const forged = await api.request('GET', '/v1/departments', { token: `${hr.slice(0, -3)}abc` });
    expect(forged.body.detail).not.toMatch(/JWS|JWT|signature verification failed/);
  });

  it('stops the start on a secret shorter than 32 bytes, with a clear message', async () => {
    const saved = process.env.AUTH_JWT_SECRET;
    process.env.AUTH_JWT_SECRET = 'a';
    try {
      await expect(createHttpApp({ logger: false })).rejects.toThrow(/AUTH_JWT_SECRET is 1 bytes; HS256 needs at least 32/);
    } finally {
      process.env.AUTH_JWT_SECRET = saved;
    }
  });

  it('answers 400 to JSON nested deeper than 32 levels, and to invalid UTF-8', async () => {
    const deep = `{"name":"x","managerIds":[],"a":${'['.repeat(2000)}${']'.repeat(2000)}}`;
    const r = await api.request('PUT', '/v1/departments/D2', { token: hr, rawBody: deep });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/nested deeper than 32/);
    const res = await fetch(`${api.baseUrl}/v1/departments/D3`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${hr}`, 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","managerIds":[]}')]),
    });
    expect(res.status).toBe(400);
    expect((await api.request('GET', '/v1/departments/D3', { token: hr })).status).toBe(404);
  });

  it('answers 415 to another charset and to form-encoded or text bodies', async () => {
    for (const type of ['application/json; charset=iso-8859-1', 'application/x-www-form-urlencoded', 'text/plain']) {
      const r = await api.request('PUT', '/v1/departments/D4', { token: hr, rawBody: '{"name":"x","managerIds":[]}', headers: { 'content-type': type } });
      expect([type, r.status]).toEqual([type, 415]);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('parses asOf strictly as RFC 3339 and names it otherwise', async () => {
    for (const asOf of ['2026-W49-4', '20261203T100000Z', '2026-12-03', '2026-02-30T10:00:00Z']) {
      const r = await api.request('GET', `/v1/absences/00000000-0000-4000-8000-000000000000?asOf=${asOf}`, { token: hr });
      expect([asOf, r.status]).toEqual([asOf, 400]);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
    }
  });

  it('sends no-store, nosniff and the other security headers on /v1, problems included', async () => {
    for (const r of [await api.request('GET', '/v1/departments', { token: hr }), await api.request('GET', '/v1/departments')]) {
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('answers 413 and 431 as problem+json', async () => {
    const big = await api.request('PUT', '/v1/departments/D5', { token: hr, rawBody: JSON.stringify({ name: 'x'.repeat(70_000), managerIds: [] }) });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    const huge = await fetch(`${api.baseUrl}/v1/departments`, { headers: { authorization: `Bearer ${hr}`, 'x-filler': 'y'.repeat(20_000) } });
    expect(huge.status).toBe(431);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
    expect(((await huge.json()) as { status: number }).status).toBe(431);
  });

  it('closes a connection whose body trickles in past the request timeout', async () => {
    const { port } = new URL(api.baseUrl);
    const closed = await new Promise<{ ms: number; answer: string }>((resolve) => {
      const started = Date.now();
      let answer = '';
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`PUT /v1/departments/D6 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${hr}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`);
        const timer = setInterval(() => socket.write(' '), 500);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ ms: Date.now() - started, answer });
        });
      });
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', () => undefined);
    });
    // Node checks request timeouts every 30 s (connectionsCheckingInterval): cut off within timeout + 30 s.
    expect(closed.ms).toBeLessThan(40_000);
    expect(closed.answer).toMatch(/^HTTP\/1.1 408/);
  }, 50_000);

  it('limits requests per token (429 problem+json with Retry-After), other tokens unaffected', async () => {
    const busy = await api.token('BUSY', 'hr');
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await api.request('GET', '/v1/departments', { token: busy })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await api.request('GET', '/v1/departments', { token: busy });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.type).toMatch(/too-many-requests$/);
    expect((await api.request('GET', '/v1/departments', { token: await api.token('CALM', 'hr') })).status).toBe(200);
  });
});
