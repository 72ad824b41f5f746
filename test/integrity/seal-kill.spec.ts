import { mintToken } from '@ledger/config';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SECRET = 'seal-kill-test-secret-that-is-long-enough';

interface Child {
  process: ChildProcessWithoutNullStreams;
  port: Promise<number>;
  exited: Promise<unknown>;
}

function startApi(dataDir: string): Child {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(__dirname, 'api.child.ts')], {
    env: { ...process.env, LEDGER_DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET, LEDGER_PROFILE: 'embedded', PORT: '0' },
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const port = new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`api exited before it was ready: ${stderr}`)));
  });
  return { process: child, port, exited };
}

/**
 * kill -9 in the middle of a load: the log, the seal and the sealer's place in it must still agree
 * after a restart, so an intact log verifies (no event lost from the seal, none sealed twice).
 */
describe('the sealed log after kill -9 mid-load', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-seal-kill-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('still verifies, with every acknowledged event sealed', async () => {
    const hr = await mintToken(SECRET, 'HR1', ['hr']);
    const auditor = await mintToken(SECRET, 'A1', ['auditor']);
    const call = async (port: number, method: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field
      return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
    };

    const first = startApi(dataDir);
    const port = await first.port;
    expect((await call(port, 'PUT', '/v1/departments/D1', hr, { name: 'D1', managerIds: [] })).status).toBe(200);
    const employees = Array.from({ length: 8 }, (_, i) => `E${i}`);
    for (const id of employees) {
      const r = await call(port, 'PUT', `/v1/employees/${id}`, hr, { departmentId: 'D1', gender: 'unknown', birthYear: 1980, employmentPercent: 100, effectiveFrom: '2024-01-01' });
      expect(r.status).toBe(200);
    }
    let acknowledged = 0;
    let killed = false;
    const loader = async (employeeId: string) => {
      for (let day = 0; !killed; day++) {
        const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
        try {
          const r = await call(port, 'POST', '/v1/absences', hr, { employeeId, type: 'comp_leave', from: date, to: date });
          if (r.status === 201) acknowledged += 1;
        } catch {
          return; // the process is gone
        }
      }
    };
    const loads = employees.map(loader);
    while (acknowledged < 200) await new Promise((r) => setTimeout(r, 20));
    first.process.kill('SIGKILL');
    killed = true;
    await first.exited;
    await Promise.all(loads);

    const second = startApi(dataDir);
    try {
      const port2 = await second.port;
      const verify = await call(port2, 'GET', '/v1/audit/verify', auditor);
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ ok: true, failures: [], unsealedEvents: 0 });
      expect(verify.body.eventsChecked).toBeGreaterThanOrEqual(acknowledged + employees.length + 1);
      expect(verify.body.sealedThrough).toBe(verify.body.headPosition);
    } finally {
      second.process.kill('SIGTERM');
      await second.exited;
    }
  }, 120_000);
});
