import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApi, startTestApi } from './harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The service over HTTP with Redis read models and BullMQ jobs (SQLite events): a report, a read
 * of it with minPosition, the reminders it gives rise to (listed and POSTed to a webhook once),
 * /health; then a second app with LEDGER_RUN=api on the same stores that serves queries from the
 * checkpoints the first one stores, as the api container does beside the projector.
 */
describe('distributed adapters over HTTP (sqlite events, redis read models, bullmq jobs)', () => {
  const prefix = `test:e2e-distributed:${randomUUID()}:`;
  let all: TestApi;
  let apiOnly: TestApi;
  let redis: Redis;
  let hook: Server;
  const posted: Array<Record<string, unknown>> = [];
  let e1: string, e2: string, hr: string, m1: string;
  let absenceId: string;
  let position: string;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posted.push(JSON.parse(body) as Record<string, unknown>);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const shared = {
      LEDGER_READ_STORE: 'redis',
      LEDGER_JOBS: 'bullmq',
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      MIN_POSITION_WAIT_SECONDS: '1',
    };
    all = await startTestApi({
      ...shared,
      LEDGER_RUN: 'all',
      NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/notify`,
      REMINDER_SCAN_INTERVAL_SECONDS: '1',
    });
    apiOnly = await startTestApi({ ...shared, LEDGER_RUN: 'api', LEDGER_DATA_DIR: all.dataDir, NOTIFY_WEBHOOK_URL: '' });
    hr = await all.token('HR1', 'hr');
    e1 = await all.token('E1', 'employee');
    e2 = await all.token('E2', 'employee');
    m1 = await all.token('M1', 'employee', 'manager');
    expect((await all.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'Hemtjänst', managerIds: ['M1'] } })).status).toBe(200);
    for (const id of ['E1', 'E2', 'M1']) {
      const r = await all.request('PUT', `/v1/employees/${id}`, {
        token: hr,
        body: { departmentId: 'D1', gender: 'female', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2024-01-01' },
      });
      expect(r.status).toBe(200);
    }
  });

  afterAll(async () => {
    await apiOnly?.close();
    await all?.close();
    await new Promise((r) => hook.close(r));
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  });

  it('reports an absence and reads it back with minPosition from the Redis read model', async () => {
    // Sick since 10 days ago, open-ended: today is sick day 11. HR registers her phone call of that
    // first morning (employerNotifiedAt), so her certificate is due on day 8 of the spell (SjLL 8 §).
    const created = await all.request('POST', '/v1/absences', {
      token: hr,
      body: { employeeId: 'E1', type: 'sick', from: day(-10), channel: 'phone', employerNotifiedAt: `${day(-10)}T06:00:00Z` },
    });
    expect(created.status).toBe(201);
    absenceId = created.body.absenceId;
    position = created.body.position;
    const read = await all.request('GET', `/v1/employees/E1/absences?from=${day(-30)}&to=${day(0)}&minPosition=${position}`, { token: e1 });
    expect(read.status).toBe(200);
    expect(read.body.absences).toEqual([expect.objectContaining({ absenceId, employeeId: 'E1', from: day(-10), to: null, status: 'reported' })]);
    const keys = await redis.keys(`${prefix}absences@v2:d:absence:${absenceId}`);
    expect(keys).toHaveLength(1);
  });

  it('raises the reminders on the next scan, lists them for the employee, and POSTs each to the webhook once', async () => {
    let list: { status: number; body: { recipient: string; notifications: Array<Record<string, unknown>>; next: string | null } } | undefined;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      list = await all.request('GET', '/v1/notifications', { token: e1 });
      if (list.status === 200 && list.body.notifications.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(list!.status).toBe(200);
    expect(list!.body.recipient).toBe('E1');
    expect(list!.body.next).toBeNull();
    // Due order: return report overdue from the end of day 7 (from + 6), certificate due on day 8 (from + 7).
    expect(list!.body.notifications.map((n) => [n.kind, n.absenceId, n.employeeId, n.recipient])).toEqual([
      ['return_report_missing', absenceId, 'E1', 'E1'],
      ['medical_certificate_due', absenceId, 'E1', 'E1'],
    ]);
    for (const n of list!.body.notifications) {
      expect(n).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        kind: n.kind,
        recipient: 'E1',
        absenceId,
        employeeId: 'E1',
        dueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T2[23]:00:00\.000Z$/),
        createdAt: expect.stringMatching(/Z$/),
        details: expect.any(Object),
      });
    }
    // The manager is reminded of nothing yet: this month's cases are due by the 10th of next month.
    await new Promise((r) => setTimeout(r, 2500)); // two more scans
    const ids = list!.body.notifications.map((n) => n.id).sort();
    expect(posted.map((p) => p.id).sort()).toEqual(ids);
    expect(posted.find((p) => p.id === ids[0])).toEqual(list!.body.notifications.find((n) => n.id === ids[0]));
    const again = await all.request('GET', '/v1/notifications', { token: e1 });
    expect(again.body.notifications.map((n: { id: string }) => n.id).sort()).toEqual(ids);
  });

  it('lets HR read anyone’s notifications, and nobody else read another’s; bad input is 400', async () => {
    expect((await all.request('GET', '/v1/notifications?recipient=E1', { token: hr })).body.notifications).toHaveLength(2);
    expect((await all.request('GET', '/v1/notifications?recipient=E1', { token: e2 })).status).toBe(403);
    expect((await all.request('GET', '/v1/notifications?recipient=E1', { token: m1 })).status).toBe(403);
    expect((await all.request('GET', '/v1/notifications', { token: e2 })).body).toEqual({ recipient: 'E2', notifications: [], next: null });
    const paged = await all.request('GET', '/v1/notifications?limit=1', { token: e1 });
    expect(paged.body.notifications).toHaveLength(1);
    const rest = await all.request('GET', `/v1/notifications?limit=1&after=${encodeURIComponent(paged.body.next)}`, { token: e1 });
    expect(rest.body.notifications.map((n: { kind: string }) => n.kind)).toEqual(['medical_certificate_due']);
    for (const query of ['recipient=%20x', 'limit=0', 'limit=501', 'after=nope', 'surprise=1']) {
      const bad = await all.request('GET', `/v1/notifications?${query}`, { token: e1 });
      expect(bad.status).toBe(400);
    }
  });

  it('reports Redis, BullMQ and projection lag in /health', async () => {
    const health = await all.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.details).toMatchObject({
      eventStore: { status: 'up' },
      readStore: { status: 'up', adapter: 'redis' },
      jobs: { status: 'up', adapter: 'bullmq' },
      projections: { status: 'up' },
    });
  });

  it('serves queries with LEDGER_RUN=api from the checkpoints the other process stores', async () => {
    const read = await apiOnly.request('GET', `/v1/employees/E1/absences?from=${day(-30)}&to=${day(0)}&minPosition=${position}`, { token: e1 });
    expect(read.status).toBe(200);
    expect(read.body.absences.map((a: { absenceId: string }) => a.absenceId)).toEqual([absenceId]);
    const list = await apiOnly.request('GET', '/v1/notifications', { token: e1 });
    expect(list.body.notifications).toHaveLength(2);
    const tooFar = await apiOnly.request('GET', `/v1/employees/E1/absences?from=${day(-30)}&to=${day(0)}&minPosition=999999999`, { token: e1 });
    expect(tooFar.status).toBe(503);
    expect(tooFar.headers.get('retry-after')).toBeTruthy();
    const health = await apiOnly.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.details.projections.statuses).toEqual(
      expect.arrayContaining([{ name: 'absences', caughtUp: true, lagSeconds: 0 }, { name: 'notifications', caughtUp: true, lagSeconds: 0 }]),
    );
  });
});
