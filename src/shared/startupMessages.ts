/*
 * Messages for what the CLI loads at start-up (configMeta), read without @salesforce/core: an installed plugin
 * has its own copy of that library, and importing it there would cost every sf command a second copy.
 */
import { readFileSync } from 'node:fs';

/** The text under `# key` in messages/<file>.md. */
export function startupMessage(file: string, key: string): string {
  const text = readFileSync(new URL(`../../messages/${file}.md`, import.meta.url), 'utf8');
  const section = text.split(/^# /m).find((s) => s.startsWith(`${key}\n`));
  return section ? section.slice(key.length + 1).trim() : key;
}
