import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

interface Case {
  /** Where the source would sit in the repository. */
  file: string;
  source: string;
}

/**
 * Lints source text as if it sat at the given path, with the repository's own eslint.config.mjs.
 * ESLint loads its flat config by dynamic import, which jest's module sandbox does not offer, so
 * the cases run in one child Node process.
 */
function restrictedImportMessages(cases: Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const cases = JSON.parse(process.argv[1]);
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.source, { filePath: c.file });
        out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' })) as string[][];
}

describe('import boundaries (eslint.config.mjs)', () => {
  const forbidden: Case[] = [
    { file: 'libs/domain/src/x.ts', source: "import { AppModule } from '../../../apps/api/src/app.module';\nexport const x = AppModule;\n" },
    { file: 'libs/ledger/src/core/x.ts', source: "import { runSimulation } from '../../../../tools/simulation/simulation';\nexport const x = runSimulation;\n" },
    { file: 'libs/ledger/src/x.ts', source: "export { generateLog } from '../../../bench/lib/generator';\n" },
    { file: 'libs/ledger/src/x.ts', source: "import type { AppModule } from 'apps/api/src/app.module';\nexport type X = AppModule;\n" },
    { file: 'apps/api/src/x.ts', source: "import { prepareDemo } from '../../../tools/demo/demo';\nexport const x = prepareDemo;\n" },
    { file: 'apps/worker/src/x.ts', source: "import { generateLog } from '../../../bench/lib/generator';\nexport const x = generateLog;\n" },
    { file: 'apps/projector/src/x.ts', source: "import { createHttpApp } from '../../api/src/http-app';\nexport const x = createHttpApp;\n" },
    { file: 'apps/api/src/absences/x.ts', source: "import { runProjector } from '../../../projector/src/projector';\nexport const x = runProjector;\n" },
  ];
  const allowed: Case[] = [
    { file: 'libs/ledger/src/x.ts', source: "import { absenceDecider } from '@ledger/domain';\nimport { CLOCK } from './core/clock';\nexport const x = [absenceDecider, CLOCK];\n" },
    { file: 'apps/api/src/absences/x.ts', source: "import { CommandPipeline } from '@ledger/ledger';\nimport { ProblemDetailsFilter } from '../http/problem-details';\nexport const x = [CommandPipeline, ProblemDetailsFilter];\n" },
    { file: 'tools/x.ts', source: "import { createHttpApp } from '../apps/api/src/http-app';\nexport const x = createHttpApp;\n" },
    { file: 'test/e2e/x.ts', source: "import { createHttpApp } from '../../apps/api/src/http-app';\nexport const x = createHttpApp;\n" },
  ];

  it('given imports that cross the layers, when linted, then each is an error naming the boundary; imports along the layers pass', () => {
    const messages = restrictedImportMessages([...forbidden, ...allowed]);
    forbidden.forEach((c, i) => {
      expect({ file: c.file, messages: messages[i] }).toEqual({ file: c.file, messages: [expect.stringMatching(/may not import/)] });
    });
    allowed.forEach((c, i) => {
      expect({ file: c.file, messages: messages[forbidden.length + i] }).toEqual({ file: c.file, messages: [] });
    });
  });
});
