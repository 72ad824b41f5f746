import { devJwtSecret, loadConfig, mintToken } from '@ledger/config';
import { stockholmDateOf } from '@ledger/domain';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SeededDemo, seedDemoOrganisation } from './demo-organisation';
import type { DemoPerson, DemoSignIn } from '../../apps/api/src/web/demo-sign-in';

let seeded: SeededDemo | undefined;

/**
 * `npm start`: the embedded profile with a demo organisation and ready tokens. The organisation is
 * written by the simulator before the HTTP app starts (once per data directory).
 */
export async function prepareDemo(): Promise<void> {
  const { dataDir } = loadConfig();
  process.env.AUTH_JWT_SECRET = devJwtSecret(dataDir);
  seeded = await seedDemoOrganisation(dataDir);
}

export async function printDemoWelcome(app: NestFastifyApplication, port: number): Promise<void> {
  if (!seeded) throw new Error('prepareDemo() must run before the app starts');
  const demo = seeded;
  const secret = process.env.AUTH_JWT_SECRET!;
  const url = `http://localhost:${port}`;
  const today = stockholmDateOf(new Date());
  const tokens = {
    employee: await mintToken(secret, demo.employee, ['employee']),
    manager: await mintToken(secret, demo.manager, ['employee', 'manager']),
    hr: await mintToken(secret, 'hr-demo', ['hr']),
    payroll: await mintToken(secret, 'payroll-demo', ['payroll']),
    auditor: await mintToken(secret, 'auditor-demo', ['auditor']),
  };
  const pending = (await currentPending(app, demo.department, demo.manager, tokens.manager)) ?? demo.pending;
  const lines = [
    '',
    'Frånvaroliggaren is running (embedded profile, demo organisation).',
    `  API:      ${url}`,
    `  OpenAPI:  ${url}/docs`,
    `  Health:   ${url}/health     Metrics: ${url}/metrics`,
    '',
    `Demo: ${demo.summary}`,
    '',
    `Tokens (valid 12 h; mint more with \`npm run token -- --sub ${demo.employee} --roles employee\`):`,
    ...Object.entries(tokens).map(([role, token]) => `  export ${role.toUpperCase()}_TOKEN=${token}`),
    '',
    'Try it:',
    `  curl -s -X POST ${url}/v1/absences -H "Authorization: Bearer $EMPLOYEE_TOKEN" -H 'Content-Type: application/json' \\`,
    `       -d '{"employeeId":"${demo.employee}","type":"sick","from":"${today}"}'`,
    `  curl -s "${url}/v1/employees/${demo.employee}/absences?from=${demo.fromMonth}-01&to=${today}" -H "Authorization: Bearer $EMPLOYEE_TOKEN"`,
    `  curl -s ${url}/v1/departments/${demo.department}/pending-attestations -H "Authorization: Bearer $MANAGER_TOKEN"`,
    ...(pending
      ? [
          `  curl -s -X POST ${url}/v1/absences/${pending.absenceId}/attestation -H "Authorization: Bearer $MANAGER_TOKEN" \\`,
          `       -H 'Content-Type: application/json' -d '{"expectedVersion":${pending.version}}'`,
          `  curl -s ${url}/v1/absences/${pending.absenceId}/history -H "Authorization: Bearer $AUDITOR_TOKEN"`,
        ]
      : demo.employeeAbsence
        ? [`  curl -s ${url}/v1/absences/${demo.employeeAbsence}/history -H "Authorization: Bearer $AUDITOR_TOKEN"`]
        : []),
    `  curl -s "${url}/v1/stats/sick-leave?from=${demo.fromMonth}&to=${demo.toMonth}" -H "Authorization: Bearer $HR_TOKEN"`,
    `  curl -s "${url}/v1/discrepancies?from=${demo.fromMonth}-01&to=${today}" -H "Authorization: Bearer $MANAGER_TOKEN"`,
    `  curl -s ${url}/v1/audit/verify -H "Authorization: Bearer $AUDITOR_TOKEN"`,
    '',
  ];
  console.log(lines.join('\n'));
}

/** A case the manager can attest now (the one in the marker may have been attested in an earlier session). */
async function currentPending(app: NestFastifyApplication, department: string, manager: string, token: string): Promise<SeededDemo['pending']> {
  const res = await app.inject({ method: 'GET', url: `/v1/departments/${department}/pending-attestations`, headers: { authorization: `Bearer ${token}` } });
  if (res.statusCode !== 200) return null;
  const body = res.json() as { items?: Array<{ absenceId: string; employeeId: string; version: number }> };
  const first = body.items?.find((a) => a.employeeId !== manager);
  return first ? { absenceId: first.absenceId, version: first.version } : null;
}

/** Names for the demo's accounts that are not employees of the simulated municipality. */
const DEMO_STAFF: DemoPerson[] = [
  { id: 'hr-demo', name: 'Hanna Hedlund', roles: ['hr'] },
  { id: 'payroll-demo', name: 'Lars Lönnqvist', roles: ['payroll'] },
  { id: 'auditor-demo', name: 'Rut Granberg', roles: ['auditor'] },
];

/**
 * The demo's sign-in (the web front end's /demo page): its people by role and name, and a token
 * for each of them. Only main.ts with --demo creates it; start:prod has no such route.
 */
export function demoPeople(app: () => NestFastifyApplication | undefined): DemoSignIn {
  if (!seeded) throw new Error('prepareDemo() must run before the demo sign-in is made');
  const demo = seeded;
  const secret = process.env.AUTH_JWT_SECRET!;
  let cached: DemoPerson[] | undefined;
  const nameOf = async (employeeId: string, fallback: string): Promise<string> => {
    const started = app();
    if (!started) return fallback;
    const token = await mintToken(secret, 'hr-demo', ['hr'], '1m');
    const res = await started.inject({ method: 'GET', url: `/v1/employees/${employeeId}`, headers: { authorization: `Bearer ${token}` } });
    const name = res.statusCode === 200 ? (res.json() as { name?: unknown }).name : null;
    return typeof name === 'string' && name.trim() ? name : fallback;
  };
  const people = async (): Promise<DemoPerson[]> => {
    cached ??= [
      { id: demo.employee, name: await nameOf(demo.employee, `Anställd ${demo.employee.slice(0, 8)}`), roles: ['employee'] },
      { id: demo.manager, name: await nameOf(demo.manager, `Chef ${demo.manager.slice(0, 8)}`), roles: ['employee', 'manager'] },
      ...DEMO_STAFF,
    ];
    return cached;
  };
  return {
    people,
    async token(personId) {
      const person = (await people()).find((p) => p.id === personId);
      return person ? mintToken(secret, person.id, person.roles) : null;
    },
  };
}
