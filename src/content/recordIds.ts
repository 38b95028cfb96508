/*
 * Salesforce record ids inside metadata files: templates carry the org they were exported from (a connection's id as
 * `id` and inside `url`, the exporting user's id at the head of importDirectory; field reports G2). An id is 15 or
 * 18 letters and digits standing alone, its 3-character key prefix holding a digit, with at least six digits in
 * all: names (underscores), versions and epoch times do not look like that.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { decodedJson, MAX_FILE_BYTES, parseMetadataXml } from './xml.js';

export type FoundId = {
  /** the id as the file writes it (15 or 18 characters) */
  id: string;
  /** the file, relative to the folder searched */
  file: string;
  /** where in the file: elements and, inside an element holding JSON, its keys (entityPayload.connection.id) */
  path: string;
};

const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?(?![A-Za-z0-9])/g;

export function isRecordId(text: string): boolean {
  if (text.length !== 15 && text.length !== 18) return false;
  const digits = text.replace(/\D/g, '').length;
  return /\d/.test(text.slice(0, 3)) && digits >= 6 && digits < text.length;
}

/** The text with each record id in it replaced by a placeholder: ids are each org's own, never content. */
export const maskRecordIds = (text: string): string =>
  text.replace(CANDIDATE, (id) => (isRecordId(id) ? RECORD_ID : id));
export const RECORD_ID = '<record id>';

/** The 15-character form, which both forms of an id share (the 18-character one adds a case checksum). */
export const shortId = (id: string): string => id.slice(0, 15);

/** JSON held in the text, else the text: too deep to walk, it is searched as text. */
function decoded(text: string): unknown {
  try {
    return decodedJson(text);
  } catch {
    return text;
  }
}

/** Every id in a value, with its path; JSON held in a string is searched as JSON. */
export function idsInValue(value: unknown, path = ''): Array<{ id: string; path: string }> {
  if (typeof value === 'string') {
    const inner = decoded(value);
    if (inner !== value) return idsInValue(inner, path);
    return [...value.matchAll(CANDIDATE)]
      .map((m) => m[0])
      .filter(isRecordId)
      .map((id) => ({ id, path }));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => idsInValue(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => idsInValue(v, path ? `${path}.${k}` : k));
  return [];
}

/** The ids in each metadata file under `dir` (files that are not readable metadata are left to other checks). */
export async function recordIdsIn(dir: string, files: string[]): Promise<FoundId[]> {
  const found: FoundId[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) continue;
    let value: unknown;
    try {
      value = parseMetadataXml(text).value;
    } catch {
      continue;
    }
    for (const at of idsInValue(value)) found.push({ ...at, file: relative(dir, file) });
  }
  return found;
}

/** Rewrites ids in a file, each by its 15-character form; the replacement keeps the length the file used. */
export async function rewriteIds(file: string, to: Map<string, string>): Promise<number> {
  const text = await readFile(file, 'utf8');
  let count = 0;
  const next = text.replace(CANDIDATE, (id) => {
    const target = to.get(shortId(id));
    if (!target || !isRecordId(id)) return id;
    count += 1;
    return id.length === 15 ? shortId(target) : target;
  });
  if (count) await writeFile(file, next);
  return count;
}
