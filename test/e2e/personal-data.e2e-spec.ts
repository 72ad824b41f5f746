import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectionsService } from '@ledger/ledger';
import { TestApi, startTestApi } from './harness';

/**
 * Personal data end to end: every personal field is written with a known marker through the API,
 * then the raw SQLite files (and, in the Redis profile, the whole keyspace under the run's prefix)
 * are searched for the markers and hold none; the answers still show them. Then the person is
 * erased: the fields read as null everywhere, the chains still verify, and a full rebuild of
 * every projection gives the same statistics.
 */
const MARK = {
  name: 'MRKname4711 Andersson',
  email: 'mrkmail4711@example.se',
  pnr: '197303149806',
  comment: 'MRKcomment4711',
  rejection: 'MRKrejection4711',
  correction: 'MRKcorrection4711',
  withdrawal: 'MRKwithdrawal4711',
  note: 'MRKnote4711',
};

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every file under the directory, as bytes. */
function rawFiles(dir: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) out.push(...rawFiles(file));
    else out.push({ file: name, bytes: readFileSync(file) });
  }
  return out;
}

/** Every value under the prefix, read by type (DUMP could compress a long string and hide a marker). */
async function redisKeyspace(client: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await client.type(key);
      out.push(key);
      if (type === 'string') out.push((await client.get(key)) ?? '');
      else if (type === 'hash') out.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'set') out.push(JSON.stringify(await client.smembers(key)));
      else if (type === 'zset') out.push(JSON.stringify(await client.zrange(key, 0, -1)));
      else if (type === 'list') out.push(JSON.stringify(await client.lrange(key, 0, -1)));
      else if (type === 'stream') out.push(JSON.stringify(await client.xrange(key, '-', '+')));
    }
  } while (cursor !== '0');
  return out;
}

async function deleteUnder(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== '0');
}

const profiles: { name: string; env: () => Record<string, string>; redisPrefix?: string }[] = [
  { name: 'embedded (SQLite files)', env: () => ({}) },
  {
    name: 'Redis read models, key store and BullMQ queues',
    redisPrefix: `test:privacy:e2e:${randomUUID()}:`,
    env() {
      return { LEDGER_READ_STORE: 'redis', LEDGER_JOBS: 'bullmq', REDIS_KEY_PREFIX: this.redisPrefix!, NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/hook' };
    },
  },
];

describe.each(profiles)('personal data: $name', (profile) => {
  let api: TestApi;
  let redis: Redis | undefined;
  let hr: string, e1: string, e2: string, m1: string, auditor: string;
  let caseId: string;
  let withdrawnId: string;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  const months = `from=${day(-45).slice(0, 7)}&to=${day(-5).slice(0, 7)}`;

  beforeAll(async () => {
    api = await startTestApi({ MIN_POSITION_WAIT_SECONDS: '2', ...profile.env() });
    if (profile.redisPrefix) redis = new Redis(redisUrl);
    hr = await api.token('HR1', 'hr');
    e1 = await api.token('E1', 'employee');
    e2 = await api.token('E2', 'employee');
    m1 = await api.token('M1', 'employee', 'manager');
    auditor = await api.token('A1', 'auditor');
    expect((await api.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'Hemtjänst Norr', managerIds: ['M1'] } })).status).toBe(200);
    for (const [id, pnr] of [['E1', MARK.pnr], ['E2', undefined], ['M1', undefined]] as const) {
      const r = await api.request('PUT', `/v1/employees/${id}`, {
        token: hr,
        body: { departmentId: 'D1', gender: 'female', birthYear: 1973, employmentPercent: 100, effectiveFrom: '2024-01-01', ...(pnr ? { personalIdentityNumber: pnr, name: MARK.name, email: MARK.email } : { name: `Person ${id}` }) },
      });
      expect(r.status).toBe(200);
    }
    const reported = await api.request('POST', '/v1/absences', { token: e1, body: { employeeId: 'E1', type: 'sick', from: day(-10), to: day(-8), comment: MARK.comment } });
    expect(reported.status).toBe(201);
    caseId = reported.body.absenceId;
    expect((await api.request('POST', `/v1/absences/${caseId}/rejection`, { token: m1, body: { reason: MARK.rejection } })).status).toBe(200);
    expect((await api.request('POST', `/v1/absences/${caseId}/corrections`, { token: e1, body: { to: day(-7), reason: MARK.correction } })).status).toBe(200);
    const attested = await api.request('POST', `/v1/absences/${caseId}/attestation`, { token: m1, body: { expectedVersion: 2 } });
    expect(attested.status).toBe(200);
    const planned = await api.request('POST', '/v1/absences', { token: e1, body: { employeeId: 'E1', type: 'vacation', from: day(-30), to: day(-29) } });
    withdrawnId = planned.body.absenceId;
    expect((await api.request('POST', `/v1/absences/${withdrawnId}/withdrawal`, { token: e1, body: { reason: MARK.withdrawal } })).status).toBe(200);
    const observed = await api.request('POST', '/v1/observations', {
      token: m1,
      body: { employeeId: 'E1', date: day(-40), kind: 'absent', source: 'manager', note: MARK.note },
    });
    expect([200, 201]).toContain(observed.status);
    // Every projection has seen every write before anything is searched.
    const position = observed.body.position;
    expect((await api.request('GET', `/v1/stats/sick-leave?${months}&minPosition=${position}`, { token: hr })).status).toBe(200);
  });

  afterAll(async () => {
    await api.close();
    if (redis && profile.redisPrefix) {
      await deleteUnder(redis, profile.redisPrefix);
      await redis.quit();
    }
  });

  it('answers with the personal fields opened', async () => {
    const employee = await api.request('GET', '/v1/employees/E1', { token: hr });
    expect(employee.body.personalIdentityNumber).toBe(MARK.pnr);
    const list = await api.request('GET', '/v1/employees?departmentId=D1', { token: hr });
    expect(list.body.employees).toEqual(expect.arrayContaining([expect.objectContaining({ employeeId: 'E1', name: MARK.name })]));
    const history = await api.request('GET', `/v1/absences/${caseId}/history`, { token: hr });
    expect(history.body.events.map((e: { data: Record<string, unknown> }) => e.data.comment ?? e.data.reason ?? null)).toEqual([
      MARK.comment,
      MARK.rejection,
      MARK.correction,
      null,
    ]);
    const withdrawn = await api.request('GET', `/v1/absences/${withdrawnId}/history`, { token: e1 });
    expect(withdrawn.body.events[1].data.reason).toBe(MARK.withdrawal);
  });

  it('stores no marker in plain text: not in any SQLite file, key, log or queue', async () => {
    const files = rawFiles(api.dataDir);
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(redis ? ['events.db', 'master.key'] : ['events.db', 'read-models.db', 'keys.db', 'master.key']));
    for (const { file, bytes } of files) {
      for (const [field, marker] of Object.entries(MARK)) {
        expect({ file, field, found: bytes.includes(Buffer.from(marker, 'utf8')) }).toEqual({ file, field, found: false });
      }
    }
    // The events do hold the fields: as envelopes.
    const events = files.find((f) => f.file === 'events.db')!.bytes.toString('latin1') + (files.find((f) => f.file === 'events.db-wal')?.bytes.toString('latin1') ?? '');
    expect(events).toContain('"comment":"pd1.');
    expect(events).toContain('"personalIdentityNumber":"pd1.');
    if (redis) {
      const keyspace = await redisKeyspace(redis, profile.redisPrefix!);
      expect(keyspace.some((k) => k.includes('pdkeys:'))).toBe(true);
      expect(keyspace.join('\n')).toContain('pd1.');
      for (const [field, marker] of Object.entries(MARK)) {
        expect({ field, found: keyspace.some((v) => v.includes(marker)) }).toEqual({ field, found: false });
      }
    }
  });

  it('the person’s own copy: self and hr may fetch it, another employee may not', async () => {
    const own = await api.request('GET', '/v1/employees/E1/personal-data', { token: e1 });
    expect(own.status).toBe(200);
    expect(own.body.masterData).toMatchObject({ employeeId: 'E1', name: MARK.name, email: MARK.email, personalIdentityNumber: MARK.pnr, birthYear: 1973 });
    const sick = own.body.cases.find((c: { absenceId: string }) => c.absenceId === caseId);
    expect(sick.history.map((e: { type: string }) => e.type)).toEqual(['AbsenceReported', 'AbsenceRejected', 'AbsenceCorrected', 'AbsenceAttested']);
    expect(sick.history[0].data.comment).toBe(MARK.comment);
    expect(own.body).toHaveProperty('reminders');
    // HR read E1's case history in the first test: the access log of E1's health data shows it.
    expect(own.body.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ reader: { sub: 'HR1', roles: ['hr'] }, what: 'history', absenceId: caseId })]));
    expect(own.body.erasure).toMatchObject({ erased: false });
    expect((await api.request('GET', '/v1/employees/E1/personal-data', { token: hr })).status).toBe(200);
    const again = await api.request('GET', '/v1/employees/E1/personal-data', { token: e1 });
    expect(again.body.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ reader: { sub: 'HR1', roles: ['hr'] }, what: 'personal_data_copy' })]));
    expect((await api.request('GET', '/v1/employees/E1/personal-data', { token: e2 })).status).toBe(403);
    expect((await api.request('GET', '/v1/employees/E1/personal-data', { token: m1 })).status).toBe(403);
    expect((await api.request('GET', '/v1/employees/NOBODY/personal-data', { token: hr })).status).toBe(404);
  });

  it('erasure: refused without a reason, for an unknown person or by anyone but hr, and nothing is written then', async () => {
    const before = (await api.request('GET', '/v1/audit/verify', { token: auditor })).body.eventsChecked;
    const noReason = await api.request('POST', '/v1/employees/E1/erasure', { token: hr, body: {} });
    expect(noReason.status).toBe(400);
    expect([...new Set(noReason.body.errors.map((e: { field: string }) => e.field))]).toEqual(['reason']);
    expect((await api.request('POST', '/v1/employees/E1/erasure', { token: hr, body: { reason: 'x', extra: 1 } })).status).toBe(400);
    expect((await api.request('POST', '/v1/employees/NOBODY/erasure', { token: hr, body: { reason: 'Begäran art. 17' } })).status).toBe(404);
    expect((await api.request('POST', '/v1/employees/E1/erasure', { token: m1, body: { reason: 'Begäran art. 17' } })).status).toBe(403);
    expect((await api.request('POST', '/v1/employees/E1/erasure', { token: e1, body: { reason: 'Begäran art. 17' } })).status).toBe(403);
    expect((await api.request('GET', '/v1/audit/verify', { token: auditor })).body.eventsChecked).toBe(before);
    expect((await api.request('GET', '/v1/employees/E1', { token: hr })).body.personalIdentityNumber).toBe(MARK.pnr);
  });

  it('erasure: the fields read as null everywhere, the chains verify, and a full rebuild gives the same statistics', async () => {
    const stats = async () => (await api.request('GET', `/v1/stats/sick-leave?${months}`, { token: hr })).body;
    const latency = async () => (await api.request('GET', `/v1/stats/reporting-latency?${months}`, { token: hr })).body;
    const statsBefore = await stats();
    const latencyBefore = await latency();
    expect(statsBefore.total.sickHours).toBeGreaterThan(0);

    const erased = await api.request('POST', '/v1/employees/E1/erasure', { token: hr, body: { reason: 'Begäran enligt art. 17, ärende 2026/17' } });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ employeeId: 'E1', erased: true });
    expect(erased.body.keysDestroyed).toBeGreaterThanOrEqual(2);
    const again = await api.request('POST', '/v1/employees/E1/erasure', { token: hr, body: { reason: 'again' } });
    expect(again.body).toMatchObject({ erased: false, keysDestroyed: 0 });

    expect((await api.request('GET', '/v1/employees/E1', { token: hr })).body.personalIdentityNumber).toBeNull();
    const history = await api.request('GET', `/v1/absences/${caseId}/history`, { token: hr });
    expect(history.body.events.map((e: { data: Record<string, unknown> }) => [e.data.comment, e.data.reason])).toEqual([
      [null, undefined],
      [undefined, null],
      [undefined, null],
      [undefined, undefined],
    ]);
    const copy = await api.request('GET', '/v1/employees/E1/personal-data', { token: hr });
    expect(copy.body.masterData).toMatchObject({ name: null, email: null, personalIdentityNumber: null });
    const list = await api.request('GET', '/v1/employees?departmentId=D1', { token: hr });
    expect(list.body.employees).toEqual(
      expect.arrayContaining([expect.objectContaining({ employeeId: 'E1', name: null }), expect.objectContaining({ employeeId: 'E2', name: 'Person E2' })]),
    );
    expect(JSON.stringify(copy.body)).not.toMatch(/MRK|pd1\./);
    expect(copy.body.erasure).toMatchObject({ erased: true });
    // The erasure is an event naming who and why, never the data.
    expect(copy.body.erasure.history).toEqual([
      expect.objectContaining({ type: 'PersonalDataErased', actor: { sub: 'HR1', roles: ['hr'] }, data: { employeeId: 'E1', reason: 'Begäran enligt art. 17, ärende 2026/17' } }),
    ]);
    // Another person's fields are untouched.
    expect((await api.request('GET', '/v1/employees/E2', { token: hr })).status).toBe(200);

    const verify = await api.request('GET', '/v1/audit/verify', { token: auditor });
    expect(verify.body).toMatchObject({ ok: true, failures: [] });
    expect(await stats()).toEqual(statsBefore);
    expect(await latency()).toEqual(latencyBefore);

    await api.app.get(ProjectionsService).rebuildAll();
    expect(await stats()).toEqual(statsBefore);
    expect(await latency()).toEqual(latencyBefore);
    const employees = await api.request('GET', `/v1/employees/E1/absences?from=${day(-45)}&to=${day(0)}`, { token: hr });
    expect(employees.status).toBe(200);
    expect(JSON.stringify(employees.body)).not.toMatch(/MRK|pd1\./);
  });
});
