import { devJwtSecret, loadConfig, mintToken } from '@ledger/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { seedDemoOrganisation } from './demo-organisation';

/** `npm start`: the embedded profile with a demo organisation and ready tokens. */
export async function prepareDemo(): Promise<void> {
  process.env.AUTH_JWT_SECRET = devJwtSecret(loadConfig().dataDir);
}

export async function printDemoWelcome(app: NestFastifyApplication, port: number): Promise<void> {
  const secret = process.env.AUTH_JWT_SECRET!;
  const hrToken = await mintToken(secret, 'hr-demo', ['hr']);
  const seeded = await seedDemoOrganisation(app, hrToken);
  const url = `http://localhost:${port}`;
  const tokens = {
    employee: await mintToken(secret, seeded.employee, ['employee']),
    manager: await mintToken(secret, seeded.manager, ['employee', 'manager']),
    hr: hrToken,
    payroll: await mintToken(secret, 'payroll-demo', ['payroll']),
    auditor: await mintToken(secret, 'auditor-demo', ['auditor']),
  };
  const lines = [
    '',
    'Frånvaroliggaren is running (embedded profile, demo organisation).',
    `  API:      ${url}`,
    `  OpenAPI:  ${url}/docs`,
    `  Health:   ${url}/health     Metrics: ${url}/metrics`,
    '',
    `Demo: ${seeded.summary}`,
    '',
    'Tokens (valid 12 h; mint more with `npm run token -- --sub E1 --roles employee`):',
    ...Object.entries(tokens).map(([role, token]) => `  export ${role.toUpperCase()}_TOKEN=${token}`),
    '',
    'Try it:',
    `  curl -s -X POST ${url}/v1/absences -H "Authorization: Bearer $EMPLOYEE_TOKEN" -H 'Content-Type: application/json' \\`,
    `       -d '{"employeeId":"${seeded.employee}","type":"sick","from":"${seeded.today}"}'`,
    `  curl -s ${url}/v1/departments/${seeded.department}/pending-attestations -H "Authorization: Bearer $MANAGER_TOKEN"`,
    `  curl -s -X POST ${url}/v1/absences/<absenceId>/attestation -H "Authorization: Bearer $MANAGER_TOKEN" \\`,
    `       -H 'Content-Type: application/json' -d '{"expectedVersion":0}'`,
    `  curl -s ${url}/v1/absences/<absenceId>/history -H "Authorization: Bearer $AUDITOR_TOKEN"`,
    `  curl -s ${url}/v1/audit/verify -H "Authorization: Bearer $AUDITOR_TOKEN"`,
    '',
  ];
  console.log(lines.join('\n'));
}
