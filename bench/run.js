#!/usr/bin/env node
// Runs a compiled bench entry (build first: `npm run bench` does `tsc -p bench/tsconfig.build.json`).
// The compiled code keeps the `@app/*` imports of the sources; they are resolved here against the
// compiled tree with tsconfig-paths (the same `paths` as tsconfig.base.json).
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const outDir = path.join(root, 'dist', 'bench');
const entry = path.join(outDir, 'bench', 'src', process.argv[2] && !process.argv[2].startsWith('-') ? process.argv.splice(2, 1)[0] : 'main') + '.js';
if (!fs.existsSync(entry)) {
  console.error(`bench: ${path.relative(root, entry)} is not built — run \`npm run bench\` (it compiles first)`);
  process.exit(1);
}
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
require('tsconfig-paths').register({ baseUrl: outDir, paths: compilerOptions.paths, addMatchAll: false });
require(entry);
