/*
 * The protected-org gate is structural: an org's write methods live on OrgWriter (src/api/writer.ts), and the only
 * way to one is the gate (src/governance/gate.ts), which also opens the release record. This check fails when any
 * other file makes a writer, or sends a metadata deploy some other way than through a writer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './lib/sf.js';

const SRC = join(ROOT, 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });

/** What may appear only in the named files. */
const ONLY_IN: Array<{ pattern: RegExp; what: string; allowed: string[] }> = [
  { pattern: /OrgWriter\.approved\(/, what: 'a writer made', allowed: ['src/governance/gate.ts'] },
  { pattern: /new OrgWriter\(/, what: 'a writer constructed', allowed: ['src/api/writer.ts'] },
  // the deploy-retrieve library's deploy, and jsforce's metadata deploy
  { pattern: /\.deploy\(\{|metadata\.deploy\(/, what: 'a metadata deploy', allowed: ['src/metadata/deploy.ts'] },
];

const problems: string[] = [];
for (const file of files(SRC)) {
  const path = relative(ROOT, file).replace(/\\/g, '/');
  const text = readFileSync(file, 'utf8');
  for (const rule of ONLY_IN)
    if (rule.pattern.test(text) && !rule.allowed.includes(path))
      problems.push(`${path}: ${rule.what} outside ${rule.allowed.join(', ')}`);
}
if (problems.length) {
  console.error(`The gate has a way around it:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('src/ changes orgs only through the gate: writers come from governance/gate.ts alone.');
