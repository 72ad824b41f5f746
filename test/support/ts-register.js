/**
 * Lets a child process started by a test run the TypeScript sources directly (for kill -9
 * tests): transpiles .ts on require and resolves the @ledger/* path aliases of tsconfig.base.json.
 */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]);

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  for (const [alias, target] of aliases) {
    if (request === alias) return originalResolve.call(this, path.join(target, 'index.ts'), ...rest);
    if (request.startsWith(`${alias}/`)) return originalResolve.call(this, path.join(target, request.slice(alias.length + 1)), ...rest);
  }
  return originalResolve.call(this, request, ...rest);
};

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { ...compilerOptions, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: false, inlineSourceMap: false },
  });
  module._compile(outputText, filename);
};
