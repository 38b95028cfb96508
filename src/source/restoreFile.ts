/*
 * .sfdatakit/kq-restore.json: the key-qualifier fields "sf datakit clean" took out of the source, to deploy again
 * after the unwrap. The file arrives with the project (a pull request can change it) and the post-deploy hook
 * acts on it, so it is untrusted input: it may only describe CustomField members named KQ_... on data model or
 * data lake objects, as CustomField XML, at paths inside a package folder. Anything else refuses the whole file.
 * Restoring never uses the recorded paths: the files are written where the member names say, inside a folder
 * this plugin just created.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { Messages, SfError } from '@salesforce/core';
import { writeInsideProject } from '../shared/safeWrite.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

export type RestoreEntry = { path: string; member: string; content: string };
export type RestoreFile = { createdAt: string; sourceDir: string; fields: RestoreEntry[] };

/** Where clean keeps what it removed, relative to the project (the current folder). */
export const DEFAULT_RESTORE_FILE = join('.sfdatakit', 'kq-restore.json');

/** Object.KQ_Field on a data model (__dlm) or data lake (__dll) object. */
const KQ_MEMBER = /^([A-Za-z][A-Za-z0-9_]*__dl[lm])\.(KQ_[A-Za-z0-9_]+)$/;
const MAX_FIELDS = 500;
const MAX_CONTENT = 64 * 1024;

/** The problems of one entry, empty when it is what clean writes. */
function entryProblems(entry: unknown, i: number): string[] {
  const e = entry as Partial<RestoreEntry> | null;
  if (!e || typeof e !== 'object') return [messages.getMessage('restore.notAnEntry', [i])];
  const problems: string[] = [];
  const m = typeof e.member === 'string' ? KQ_MEMBER.exec(e.member) : null;
  if (!m) problems.push(messages.getMessage('restore.notKeyQualifier', [i, String(e.member)]));
  if (typeof e.path !== 'string' || isAbsolute(e.path) || normalize(e.path).split(/[/\\]/).includes('..')) {
    problems.push(messages.getMessage('restore.pathOutside', [i, String(e.path)]));
  } else if (m && !normalize(e.path).split(sep).join('/').endsWith(`objects/${m[1]}/fields/${m[2]}.field-meta.xml`)) {
    problems.push(messages.getMessage('restore.pathMismatch', [i, e.path, String(e.member)]));
  }
  if (typeof e.content !== 'string' || e.content.length > MAX_CONTENT) {
    problems.push(messages.getMessage('restore.contentMissing', [i]));
  } else {
    const body = e.content.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>)?\s*/, '');
    if (/<!DOCTYPE|<!ENTITY/i.test(e.content) || !/^<CustomField[\s>][\s\S]*<\/CustomField>\s*$/.test(body))
      problems.push(messages.getMessage('restore.notCustomField', [i]));
    const fullName = /<fullName>([^<]*)<\/fullName>/.exec(body)?.[1];
    if (m && fullName !== undefined && fullName !== m[2] && fullName !== `${m[1]}.${m[2]}`)
      problems.push(messages.getMessage('restore.nameMismatch', [i, fullName, String(e.member)]));
  }
  return problems;
}

/** The file, checked; undefined when it does not exist. Throws RestoreFileRefused naming every problem. */
export function parseRestoreFile(text: string, where: string): RestoreFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw refused(where, [messages.getMessage('restore.notJson', [(e as Error).message])]);
  }
  const file = parsed as Partial<RestoreFile> | null;
  if (!file || typeof file !== 'object' || !Array.isArray(file.fields))
    throw refused(where, [messages.getMessage('restore.noFields')]);
  if (file.fields.length > MAX_FIELDS)
    throw refused(where, [messages.getMessage('restore.tooMany', [file.fields.length, MAX_FIELDS])]);
  const problems = file.fields.flatMap(entryProblems);
  const members = file.fields.map((f: RestoreEntry) => f.member);
  const twice = members.filter((m, i) => members.indexOf(m) !== i);
  if (twice.length) problems.push(messages.getMessage('restore.duplicate', [twice.join(', ')]));
  if (problems.length) throw refused(where, problems);
  return { createdAt: String(file.createdAt ?? ''), sourceDir: String(file.sourceDir ?? ''), fields: file.fields };
}

function refused(where: string, problems: string[]): SfError {
  const shown =
    problems
      .slice(0, 5)
      .map((p) => `  - ${p}`)
      .join('\n') + (problems.length > 5 ? `\n  - ${messages.getMessage('restore.more', [problems.length - 5])}` : '');
  return new SfError(
    messages.getMessage('error.RestoreFileRefused', [where, shown]),
    'RestoreFileRefused',
    messages.getMessages('error.RestoreFileRefused.actions', [where]),
    1
  );
}

export async function readRestoreFile(path: string): Promise<RestoreFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseRestoreFile(text, path);
}

/**
 * A relative path is inside the project, whose folders may arrive as links with a pull request: written without
 * following any. An absolute path is the user's own choice (--restore-file).
 */
export async function writeRestoreFile(path: string, restore: RestoreFile): Promise<void> {
  const text = JSON.stringify(restore, null, 2) + '\n';
  if (!isAbsolute(path)) {
    await writeInsideProject(process.cwd(), path, text);
    return;
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** The recorded path of a field, relative to the package folder it came from. */
export const recordedPath = (sourceDir: string, file: string): string => relative(sourceDir, file).split(sep).join('/');

/**
 * The fields as a source folder for the deploy library, inside `dir` (a folder the caller just created). Paths come
 * from the member names, never from the file; each one is checked to resolve inside `dir`.
 */
export async function materialize(restore: RestoreFile, dir: string): Promise<string[]> {
  const root = resolve(dir);
  const written: string[] = [];
  for (const f of restore.fields) {
    const [, object, field] = KQ_MEMBER.exec(f.member)!;
    const target = resolve(root, 'main', 'default', 'objects', object, 'fields', `${field}.field-meta.xml`);
    if (!target.startsWith(root + sep))
      throw refused(f.member, [messages.getMessage('restore.pathOutside', [0, target])]);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.content);
    written.push(f.member);
  }
  return written;
}
