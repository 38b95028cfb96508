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
