#!/usr/bin/env node
// The `registry` command-line tool. Runs the compiled CLI; build it first with `npm run build`.
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'apps', 'registry-cli', 'src', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('registry: the CLI is not built yet — run `npm run build` in the repository first');
  process.exit(1);
}
require(entry);
