import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/architecture.md): libs/** is the shared core and depends on no app, tool or
 * bench; an app depends on the libs (by their @ledger/* aliases), never on tools, the bench or
 * another app's source; tools, the bench and the tests sit on top and may use anything.
 */
const IMPORT_TOP_LEVEL = (folders) => ({
  regex: `(^|/)(${folders.join('|')})(/|$)`,
  message: `A module here may not import ${folders.map((f) => `${f}/**`).join(', ')} (see the layers in docs/architecture.md).`,
});
/** A relative path that climbs out of this package into another one's src (another app, or a lib past its alias). */
const OTHER_PACKAGE_SOURCE = {
  regex: '^(\\.\\./)+[^./][^/]*/src(/|$)',
  message: "An app may not import another app's source; shared code belongs in libs/ and is imported by its @ledger/* alias.",
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '.bench/**', 'jest.config.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS helpers that child processes load with `node -r`.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['libs/**/*.{ts,tsx,js,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [IMPORT_TOP_LEVEL(['apps', 'tools', 'bench'])] }] },
  },
  {
    files: ['apps/**/*.{ts,tsx,js,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [IMPORT_TOP_LEVEL(['apps', 'tools', 'bench']), OTHER_PACKAGE_SOURCE] }] },
  },
);
