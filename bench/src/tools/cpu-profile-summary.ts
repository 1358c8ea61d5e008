/**
 * `node bench/run.js tools/cpu-profile-summary <file.cpuprofile> [--top 25] [--json]`: prints the
 * self time of a V8 CPU profile by area and by function (see ../profile-summary.ts).
 */
import { readFileSync } from 'node:fs';
import { CpuProfile, summariseProfile } from '../profile-summary';

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--top');
  if (!file) {
    console.error('usage: node bench/run.js tools/cpu-profile-summary <file.cpuprofile> [--top N] [--json]');
    process.exit(2);
  }
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, process.cwd(), top);
  if (args.includes('--json')) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  console.log(`${file}: ${summary.sampledMs} ms sampled (idle excluded)\n\nself time by area:`);
  for (const a of summary.areas) console.log(`${a.share.toFixed(1).padStart(6)}%  ${a.selfMs.toFixed(0).padStart(7)} ms  ${a.name}`);
  console.log('\nfunctions by self time:');
  for (const f of summary.functions) console.log(`${f.share.toFixed(1).padStart(6)}%  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}`);
  console.log('\nfunctions by total time (self + callees):');
  for (const f of summary.inclusive) console.log(`${f.share.toFixed(1).padStart(6)}%  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}`);
}

main();
