#!/usr/bin/env node
// Prints the DIP signature headers for one request (libs/dip-auth, `sign-request`; docs/security.md):
//
//   node scripts/dip-sign.js --participant 1000000001 --url /dip-channel/IF-031 --body-file msg.json --format curl
//
// Runs the compiled command; build it first with `npm run build`.
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'libs', 'dip-auth', 'src', 'cli', 'dip-sign.main.js');
if (!fs.existsSync(entry)) {
  console.error('dip-sign: not built yet — run `npm run build` in the repository first');
  process.exit(1);
}
require(entry);
