import { mintToken } from '@ledger/config';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Logs and metrics never carry personal data: the service runs as its own process with the most
 * verbose logging, is driven with known markers in every personal field (and in bad requests, and
 * in the erasure reason's neighbours), and everything it wrote to stdout and stderr, and its
 * /metrics, is searched for them.
 */
const ROOT = join(__dirname, '..', '..');
const PORT = 4611;
const SECRET = 'logs-e2e-secret-that-is-long-enough-for-hs256';
const MARK = {
  name: 'LOGMRKname Svensson',
  email: 'logmrk@example.se',
  pnr: '196408233234',
  comment: 'LOGMRKcomment',
  correction: 'LOGMRKcorrection',
  rejection: 'LOGMRKrejection',
  withdrawal: 'LOGMRKwithdrawal',
  note: 'LOGMRKnote',
  badComment: 'LOGMRKtoolong',
};

describe('logs and metrics carry no personal data', () => {
  let child: ChildProcess;
  let output = '';
  let dataDir: string;
  const base = `http://127.0.0.1:${PORT}`;
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-logs-'));
    child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(PORT), LEDGER_DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'debug', LEDGER_PROFILE: 'embedded' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
    for (let i = 0; i < 1200 && !/listening/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/listening/);
  }, 150_000);

  afterAll(async () => {
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('drives every personal field with markers; nothing of them is logged or in /metrics', async () => {
    const hr = await mintToken(SECRET, 'HR1', ['hr']);
    const e1 = await mintToken(SECRET, 'E1', ['employee']);
    const m1 = await mintToken(SECRET, 'M1', ['employee', 'manager']);
    expect((await call('PUT', '/v1/departments/D1', hr, { name: 'Hemtjänst', managerIds: ['M1'] })).status).toBe(200);
    for (const id of ['E1', 'M1']) {
      const r = await call('PUT', `/v1/employees/${id}`, hr, {
        departmentId: 'D1',
        gender: 'male',
        birthYear: 1964,
        employmentPercent: 100,
        effectiveFrom: '2024-01-01',
        ...(id === 'E1' ? { name: MARK.name, email: MARK.email, personalIdentityNumber: MARK.pnr } : {}),
      });
      expect(r.status).toBe(200);
    }
    const today = new Date().toISOString().slice(0, 10);
    const reported = await call('POST', '/v1/absences', e1, { employeeId: 'E1', type: 'sick', from: today, to: today, comment: MARK.comment });
    expect(reported.status).toBe(201);
    const id = reported.body.absenceId;
    expect((await call('POST', `/v1/absences/${id}/rejection`, m1, { reason: MARK.rejection })).status).toBe(200);
    expect((await call('POST', `/v1/absences/${id}/corrections`, e1, { extentPercent: 50, reason: MARK.correction })).status).toBe(200);
    expect((await call('POST', `/v1/absences/${id}/withdrawal`, e1, { reason: MARK.withdrawal })).status).toBe(200);
    expect([200, 201]).toContain((await call('POST', '/v1/observations', m1, { employeeId: 'E1', date: today, kind: 'absent', source: 'manager', note: MARK.note })).status);
    // Bad input that carries a marker: refused, and the refusal is not logged with the value.
    const bad = await call('POST', '/v1/absences', e1, { employeeId: 'E1', type: 'sick', from: today, comment: `${MARK.badComment}${'x'.repeat(600)}` });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain(MARK.badComment);
    const badPnr = await call('PUT', '/v1/employees/E9', hr, { departmentId: 'D1', gender: 'male', birthYear: 1964, employmentPercent: 100, effectiveFrom: '2024-01-01', personalIdentityNumber: '196408233235' });
    expect([400, 422]).toContain(badPnr.status);
    expect(JSON.stringify(badPnr.body)).not.toContain('196408233235');
    // Reads that open the fields.
    expect((await call('GET', `/v1/absences/${id}/history`, hr)).status).toBe(200);
    expect((await call('GET', '/v1/employees/E1/personal-data', e1)).body.masterData.name).toBe(MARK.name);
    expect((await call('POST', '/v1/employees/E1/erasure', hr, { reason: 'Begäran art. 17' })).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('ledger_commands_total');
    // Let the process flush, then search all it wrote.
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(output.length).toBeGreaterThan(0);
    for (const [field, marker] of Object.entries({ ...MARK, badPnr: '196408233235' })) {
      expect({ field, inLog: output.includes(marker), inMetrics: metrics.includes(marker) }).toEqual({ field, inLog: false, inMetrics: false });
    }
  }, 90_000);
});
