/*
 * A metadata file as data. Files come from source folders that arrive with pull requests and from orgs: a DOCTYPE
 * (entity expansion) or an oversized file is refused rather than parsed.
 */
import { Messages } from '@salesforce/core';
import { XMLParser } from 'fast-xml-parser';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'content');

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

export class UnreadableMetadataError extends Error {}

/** Why a file too large to read is refused. */
export const tooLarge = (): UnreadableMetadataError =>
  new UnreadableMetadataError(messages.getMessage('unreadable.tooLarge'));

/** Deeper than this, a value is refused: real templates nest a few levels, and deeper ones overflow the stack. */
export const MAX_DEPTH = 100;

/** How deep a parsed value nests, counted without recursion (the value may be hostile). */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if (d > MAX_DEPTH) return d;
    if (v !== null && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/**
 * JSON held in an element's text, parsed; the text itself when it is not JSON. One nested deeper than MAX_DEPTH
 * is refused as unreadable (UnreadableMetadataError), before anything walks it.
 */
export function decodedJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return text;
  let value: unknown;
  try {
    value = JSON.parse(t) as unknown;
  } catch {
    return text;
  }
  if (depthOf(value) > MAX_DEPTH)
    throw new UnreadableMetadataError(messages.getMessage('unreadable.tooDeep', [MAX_DEPTH]));
  return value;
}

/** The root element's name and content: `<DataKitObjectTemplate>...</DataKitObjectTemplate>` → its fields. */
export function parseMetadataXml(text: string): { root: string; value: unknown } {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw tooLarge();
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new UnreadableMetadataError(messages.getMessage('unreadable.doctype'));
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new UnreadableMetadataError((e as Error).message);
  }
  const root = Object.keys(parsed).find((k) => !k.startsWith('?'));
  if (!root) throw new UnreadableMetadataError(messages.getMessage('unreadable.noRoot'));
  return { root, value: parsed[root] };
}
