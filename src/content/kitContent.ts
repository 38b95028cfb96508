/*
 * What is inside each component of a kit, read from metadata files: a source folder, or a retrieve from an org
 * into a temporary folder. Files the kit's components do not own (other kits, kit-level rows) are left out.
 */
import { readFile, stat } from 'node:fs/promises';
import { walkFiles } from '../source/kitSource.js';
import { memberOf, type Member } from '../source/sourceMembers.js';
import { isKeyQualifierField, normalize } from './normalize.js';
import { ownerOf, streamBundles, type ComponentRef } from './owners.js';
import { MAX_FILE_BYTES, parseMetadataXml, tooLarge } from './xml.js';

/** A component's members ("Type:fullName") and their normalized content. */
export type ComponentContent = Record<string, unknown>;
export type KitContent = {
  /** "Type:Name" of each component → its content */
  components: Map<string, ComponentContent>;
  /** files that could not be read as metadata, and why: reported, never fatal */
  unreadable: Array<{ file: string; reason: string }>;
};

export const componentKey = (c: ComponentRef): string => `${c.type}:${c.name}`;
/** "Type:Name" back to a reference. */
export const refOfKey = (key: string): ComponentRef => ({
  type: key.slice(0, key.indexOf(':')),
  name: key.slice(key.indexOf(':') + 1),
});
export const memberKey = (m: Member): string => `${m.type}:${m.name}`;

type ReadMember = { member: Member; fields: unknown };

async function readMember(file: string, member: Member): Promise<ReadMember> {
  if ((await stat(file)).size > MAX_FILE_BYTES) throw tooLarge();
  return { member, fields: parseMetadataXml(await readFile(file, 'utf8')).value };
}

/** A member file read, with the component that owns it (undefined: kit-level, or another kit's). */
export type OwnedMember = ReadMember & { file: string; owner?: ComponentRef };

/** Reads every metadata file and names its owner; unreadable files are reported, not thrown. */
export async function readOwnedMembers(
  files: string[],
  components: ComponentRef[]
): Promise<{ members: OwnedMember[]; unreadable: KitContent['unreadable'] }> {
  const unreadable: KitContent['unreadable'] = [];
  const read: Array<ReadMember & { file: string }> = [];
  for (const file of [...files].sort()) {
    const member = memberOf(file);
    if (!member || (member.type === 'CustomField' && isKeyQualifierField(member.name))) continue;
    try {
      read.push({ file, ...(await readMember(file, member)) });
    } catch (e) {
      unreadable.push({ file, reason: (e as Error).message });
    }
  }
  const ctx = { components, bundleOfStream: streamBundles(read) };
  return { members: read.map((r) => ({ ...r, owner: ownerOf(r.member, r.fields, ctx) })), unreadable };
}

export async function readKitContent(files: string[], components: ComponentRef[]): Promise<KitContent> {
  const { members, unreadable } = await readOwnedMembers(files, components);
  const content = new Map<string, ComponentContent>();
  for (const { member, fields, owner, file } of members) {
    if (!owner) continue;
    const key = componentKey(owner);
    try {
      content.set(key, { ...content.get(key), [memberKey(member)]: normalize(fields) });
    } catch (e) {
      unreadable.push({ file, reason: (e as Error).message });
    }
  }
  // members in a stable order, whatever order the files came in
  for (const [key, byMember] of content)
    content.set(key, Object.fromEntries(Object.entries(byMember).sort(([x], [y]) => x.localeCompare(y))));
  return { components: content, unreadable };
}

export async function kitContentOfDir(dir: string, components: ComponentRef[]): Promise<KitContent> {
  return readKitContent(await walkFiles(dir), components);
}
