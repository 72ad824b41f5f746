import { mintToken } from '@ledger/config';
import { addDaysTo, stockholmDateOf } from '@ledger/domain';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface SeededDemo {
  employee: string;
  manager: string;
  department: string;
  today: string;
  summary: string;
}

/**
 * A small organisation written through the HTTP API itself (validation, rules and all). Every
 * write is idempotent, so starting the demo again changes nothing.
 */
export async function seedDemoOrganisation(app: NestFastifyApplication, hrToken: string): Promise<SeededDemo> {
  const today = stockholmDateOf(new Date());
  const call = async (method: 'PUT' | 'POST', url: string, body: unknown, token = hrToken, key?: string) => {
    const res = await app.inject({
      method,
      url,
      payload: body as object,
      headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    });
    if (res.statusCode >= 400) throw new Error(`demo seed ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const departments = [
    { id: 'FSK-NORR', name: 'Förskola Norr', manager: 'M100' },
    { id: 'HEMTJ-SYD', name: 'Hemtjänst Syd', manager: 'M200' },
    { id: 'SKOLA-VAST', name: 'Västerskolan', manager: 'M300' },
  ];
  const employeesPerDepartment = 12;
  for (const d of departments) await call('PUT', `/v1/departments/${d.id}`, { name: d.name, managerIds: [d.manager] });
  let n = 0;
  for (const d of departments) {
    await call('PUT', `/v1/employees/${d.manager}`, {
      departmentId: d.id, gender: n % 2 ? 'male' : 'female', birthYear: 1975 + n, employmentPercent: 100, effectiveFrom: '2024-01-01',
    });
    for (let i = 1; i <= employeesPerDepartment; i++) {
      n++;
      await call('PUT', `/v1/employees/E${n}`, {
        departmentId: d.id,
        gender: n % 3 === 0 ? 'male' : 'female',
        birthYear: 1960 + ((n * 7) % 40),
        employmentPercent: [100, 100, 75, 80, 50][n % 5],
        effectiveFrom: '2024-01-01',
      });
    }
  }
  // Some history: a sick leave reported and attested, one open-ended without a return report,
  // a VAB day corrected after attestation (so it waits for a new attestation), a vacation.
  const manager = departments[0].manager;
  const managerToken = await mintToken(process.env.AUTH_JWT_SECRET!, manager, ['employee', 'manager']);
  const ids = {
    sick: '11111111-1111-4111-8111-111111111111',
    open: '22222222-2222-4222-8222-222222222222',
    vab: '33333333-3333-4333-8333-333333333333',
    vacation: '44444444-4444-4444-8444-444444444444',
  };
  const sick = await call('POST', '/v1/absences', { absenceId: ids.sick, employeeId: 'E1', type: 'sick', from: addDaysTo(today, -20), to: addDaysTo(today, -17), channel: 'mobile' });
  if (sick.version === 0) await call('POST', `/v1/absences/${ids.sick}/attestation`, { expectedVersion: 0 }, managerToken, 'demo-attest-sick');
  await call('POST', '/v1/absences', { absenceId: ids.open, employeeId: 'E2', type: 'sick', from: addDaysTo(today, -9), channel: 'phone' });
  const vab = await call('POST', '/v1/absences', { absenceId: ids.vab, employeeId: 'E3', type: 'care_of_child', from: addDaysTo(today, -6), to: addDaysTo(today, -6) });
  if (vab.version === 0) {
    await call('POST', `/v1/absences/${ids.vab}/attestation`, { expectedVersion: 0 }, managerToken, 'demo-attest-vab');
    await call('POST', `/v1/absences/${ids.vab}/corrections`, { to: addDaysTo(today, -5), reason: 'Barnet var sjukt två dagar' }, hrToken, 'demo-correct-vab');
  }
  await call('POST', '/v1/absences', { absenceId: ids.vacation, employeeId: 'E4', type: 'vacation', from: addDaysTo(today, 30), to: addDaysTo(today, 41) });
  return {
    employee: 'E1',
    manager,
    department: departments[0].id,
    today,
    summary: `${departments.length} departments, ${n + departments.length} employees, 4 absence cases (manager ${manager} leads ${departments[0].id}; employee E1 works there).`,
  };
}
