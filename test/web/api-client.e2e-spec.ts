import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The front end's API types (apps/web/src/api/schema.d.ts) are generated from the API's own
 * OpenAPI document. When a route, a body or a response changes without `npm run api-client`,
 * this fails, and so the front end and the API cannot drift apart unnoticed.
 */
describe('generated API client types', () => {
  it('are exactly what the current OpenAPI document generates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-api-types-'));
    try {
      const out = join(dir, 'schema.d.ts');
      execFileSync(process.execPath, ['-r', './test/support/ts-register.js', 'tools/web-api-client.ts', '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      const generated = readFileSync(out, 'utf8');
      const committed = readFileSync(join(ROOT, 'apps', 'web', 'src', 'api', 'schema.d.ts'), 'utf8');
      expect(generated).toContain('"/v1/absences"');
      if (committed !== generated) {
        throw new Error('apps/web/src/api/schema.d.ts differs from what the OpenAPI document generates: run `npm run api-client` and commit the result');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
