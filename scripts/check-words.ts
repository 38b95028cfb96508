/*
 * Every sentence a user reads lives in messages/: fails when a string or template literal in src/ reads like
 * one (three or more words of prose). Code that is not prose (SOQL, command lines, XML) is recognised and
 * left alone; `--list` prints what it found without failing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './lib/sf.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Text that is code, not prose: queries, command lines, markup. */
const NOT_PROSE = [
  // a list of field names (SOQL): Id, Name, CreatedBy.Username
  /^\s*[\w.]+(,\s*[\w.]+)+,?\s*$/,
  /^\s*SELECT\b/,
  /\bFROM \w+ WHERE\b/,
  /^sf datakit /,
  /<[?/]?[a-z]+[\s>]/,
];

/** Two words of letters in a row, outside placeholders: a phrase a user reads. */
const isProse = (text: string): boolean =>
  !NOT_PROSE.some((r) => r.test(text)) && /\b[A-Za-z]{2,}[,;:]? [A-Za-z]{2,}\b/.test(text);

const found: string[] = [];
for (const file of files(SRC)) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' {} ');
    if (text !== undefined && !ts.isImportDeclaration(node.parent) && isProse(text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(ROOT, file)}:${line + 1}: ${text.slice(0, 90)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

if (found.length) {
  process.stderr.write(`Sentences outside messages/ (move them to messages/*.md):\n${found.join('\n')}\n`);
  if (!process.argv.includes('--list')) process.exitCode = 1;
} else {
  process.stdout.write('src/ has no user-facing sentence outside messages/.\n');
}

// a key twice in one messages file: the second silently shadows the first, so an edit to one of them is lost
const twice: string[] = [];
const MESSAGES = join(ROOT, 'messages');
for (const name of readdirSync(MESSAGES).filter((f) => f.endsWith('.md'))) {
  const keys = readFileSync(join(MESSAGES, name), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('# '))
    .map((l) => l.slice(2).trim());
  for (const key of new Set(keys.filter((k, i) => keys.indexOf(k) !== i))) twice.push(`messages/${name}: ${key}`);
}
if (twice.length) {
  process.stderr.write(`Message keys defined twice:\n${twice.join('\n')}\n`);
  process.exitCode = 1;
}
