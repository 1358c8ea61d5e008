import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULES } from './rules';

describe('rule catalogue', () => {
  const doc = readFileSync(resolve(__dirname, '../../../../docs/rules.md'), 'utf8');
  const lines = doc.split('\n').filter((l) => /^\| (REG\d{4}|LOC\d{3}) \|/.test(l));

  it('docs/rules.md has exactly one line per rule, with its code', () => {
    const documented = lines.map((l) => l.split('|').map((c) => c.trim()).slice(1, 3).join(' '));
    const catalogue = Object.values(RULES).map((r) => `${r.code} ${r.rule}`);
    expect(documented.sort()).toEqual(catalogue.sort());
  });

  it('each rule name is its key, and each local code is used by one rule only', () => {
    for (const [key, def] of Object.entries(RULES)) expect(def.rule).toBe(key);
    const local = Object.values(RULES).filter((r) => r.source === 'local').map((r) => r.code);
    expect(new Set(local).size).toBe(local.length);
  });
});
