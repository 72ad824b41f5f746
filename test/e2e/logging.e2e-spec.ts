import { QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { TestApi, startTestApi } from './harness';

/** The JSON lines the app writes: one per request, errors with their request id, nothing personal. */
describe('structured logs', () => {
  let api: TestApi;
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const destination = {
    write(chunk: string) {
      raw.push(chunk);
      for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    },
  };
  let hr: string;
  let e1: string;

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logDestination: destination });
    hr = await api.token('HR1', 'hr');
    e1 = await api.token('E1', 'employee');
    const d = await api.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'Hemtjänst Norr', managerIds: ['M1'] } });
    const e = await api.request('PUT', '/v1/employees/E1', {
      token: hr,
      body: { departmentId: 'D1', personalIdentityNumber: '199001011239', gender: 'female', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2024-01-01' },
    });
    expect([d.status, e.status]).toEqual([200, 200]);
  });
  afterAll(async () => {
    await api.close();
    delete process.env.LOG_LEVEL;
  });

  const requestLines = (requestId: string) => lines.filter((l) => l.requestId === requestId && l.msg === 'request');

  it('writes one line per request with method, route, status, duration, request id and the hashed sub, and returns the id', async () => {
    const r = await api.request('POST', '/v1/absences', {
      token: e1,
      headers: { 'X-Request-Id': 'req-4711' },
      body: { employeeId: 'E1', type: 'sick', from: '2026-03-02', to: '2026-03-03', comment: 'migrän och feber' },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-request-id')).toBe('req-4711');
    const [line, ...more] = requestLines('req-4711');
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: 'info', method: 'POST', route: '/v1/absences', status: 201 });
    expect(typeof line.durationMs).toBe('number');
    expect(line.subHash).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(line)).not.toContain('E1');
  });

  it('never writes a body, a personnummer, a comment, a token or a raw URL', async () => {
    await api.request('GET', '/v1/employees/E1/absences?from=2026-03-01&to=2026-03-31', { token: e1, headers: { 'X-Request-Id': 'req-query' } });
    expect(requestLines('req-query')[0]).toMatchObject({ route: '/v1/employees/:employeeId/absences', status: 200 });
    const all = raw.join('');
    for (const secret of ['migrän', '199001011239', 'Hemtjänst', e1.split('.')[2], '2026-03-31']) expect(all).not.toContain(secret);
  });

  it('makes a request id when none or an invalid one is sent, and labels unmatched routes without their URL', async () => {
    const none = await api.request('GET', '/v1/no-such-route/198001012384');
    const made = none.headers.get('x-request-id')!;
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines(made)[0]).toMatchObject({ route: 'unmatched', status: 404 });
    expect(raw.join('')).not.toContain('198001012384');
    for (const bad of ['has spaces', 'x'.repeat(129), 'åäö']) {
      const r = await api.request('GET', '/health', { headers: { 'X-Request-Id': bad } });
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('logs an unexpected error with its request id, and answers only that it was logged', async () => {
    const queries = api.app.get(QueryBus);
    const spy = jest.spyOn(queries, 'execute').mockRejectedValueOnce(new Error('disk on fire'));
    try {
      const r = await api.request('GET', `/v1/absences/${randomUUID()}`, { token: hr, headers: { 'X-Request-Id': 'req-boom' } });
      expect(r.status).toBe(500);
      expect(r.body.detail).not.toContain('disk on fire');
    } finally {
      spy.mockRestore();
    }
    const error = lines.find((l) => l.requestId === 'req-boom' && l.msg === 'request failed');
    expect(error).toMatchObject({ level: 'error', err: { message: 'disk on fire' } });
    expect(requestLines('req-boom')[0]).toMatchObject({ level: 'error', status: 500 });
  });

  it('logs stopping and stopped with the settings in force, secrets masked', async () => {
    const other = await startTestApi({ LOG_LEVEL: 'info', REDIS_URL: 'redis://ops:hemligt@127.0.0.1:6379/0' }, { logDestination: destination });
    await other.close();
    const stopping = lines.find((l) => l.msg === 'stopping');
    expect(stopping).toMatchObject({ context: 'Lifecycle', settings: { authJwtSecret: '[set]', redisUrl: 'redis://***:***@127.0.0.1:6379/0' } });
    expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
    expect(raw.join('')).not.toContain('hemligt');
    expect(raw.join('')).not.toContain('e2e-secret');
    delete process.env.REDIS_URL;
  });
});
