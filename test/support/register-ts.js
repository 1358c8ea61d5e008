// Runs the TypeScript sources in a plain Node process, without a build: `node -r
// ./test/support/register-ts.js apps/registration-api/src/main.ts`. Each .ts file is transpiled
// on require with TypeScript's transpileModule — what ts-jest does for the test files, since the
// project is `isolatedModules` — and the `@app/*` imports are resolved to libs/*/src with
// tsconfig-paths (the `paths` of tsconfig.base.json). For tests that spawn the service as a real
// child process (test/shutdown.e2e-spec.ts); no type checking here (`npm run typecheck` does that).
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.join(__dirname, '..', '..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths, addMatchAll: false });

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  resolveJsonModule: true,
  isolatedModules: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
