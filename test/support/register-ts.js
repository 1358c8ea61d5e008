// Runs the TypeScript sources in a plain Node process, without a build: `node -r
// ./test/support/register-ts.js apps/registration-api/src/main.ts`. Each .ts file is transpiled
// on require with TypeScript's transpileModule — what ts-jest does for the test files, since the
// project is `isolatedModules` — and the `@app/*` imports are resolved to libs/*/src with
// tsconfig-paths (the `paths` of tsconfig.base.json). For tests that spawn the service as a real
// child process (test/shutdown.e2e-spec.ts); no type checking here (`npm run typecheck` does that).
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
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

// Transpiled files are cached by content (under the OS temporary folder), so that tests spawning
// the CLI or the service many times pay for the transpilation once.
const cacheDir = path.join(os.tmpdir(), `regs-ts-cache-${ts.version}`);
fs.mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(cacheDir, `${crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex')}.js`);
  let outputText;
  try {
    outputText = fs.readFileSync(cached, 'utf8');
  } catch {
    outputText = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, outputText);
    fs.renameSync(partial, cached);
  }
  module._compile(outputText, filename);
};
