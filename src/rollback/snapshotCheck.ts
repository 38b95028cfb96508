/*
 * What a rollback snapshot may hold: it arrives with the repository, so every file is checked against what a
 * snapshot of that kit can contain before anything is sent, and the deploy then sends exactly those members.
 *  - the kit's own DataPackageKitDefinition, and DataPackageKitObject rows whose parent is that kit;
 *  - each other member must belong to one of the kit's components (the same rules compare uses), a component the
 *    org has (in its kit now, or among what it can put in a kit);
 *  - objects and fields only of the kit's data model objects (`__dlm`);
 *  - nothing else: another kit's definition, an Apex class, a field on Account is refused, naming file and member.
 */
import { relative } from 'node:path';
import { Messages } from '@salesforce/core';
import { readOwnedMembers } from '../content/kitContent.js';
import type { ComponentRef } from '../content/owners.js';
import type { SourceKit } from '../source/kitSource.js';
import { walkFiles } from '../source/kitSource.js';
import { memberOf, type Member } from '../source/sourceMembers.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'rollback');

export type SnapshotMember = { type: string; fullName: string };

const parentOf = (fields: unknown): string | undefined => {
  const v = (fields as Record<string, unknown> | undefined)?.parentDataPackageKitDefinitionName;
  return typeof v === 'string' ? v : undefined;
};

/**
 * The members the snapshot may deploy; throws SnapshotForeign naming each file that does not belong. `orgHas`
 * says whether the org knows a component ("Type:Name"): a row planted for something else is refused too.
 */
export async function snapshotMembers(
  dir: string,
  snapshot: string,
  kit: SourceKit,
  orgHas: (key: string) => boolean
): Promise<SnapshotMember[]> {
  const files = await walkFiles(dir);
  const refused: string[] = [];
  const refuse = (file: string, member?: Member): void => {
    refused.push(`${relative(dir, file)}${member ? ` (${member.type}:${member.name})` : ''}`);
  };
  const components: ComponentRef[] = kit.components.map(({ type, name }) => ({ type, name }));
  for (const c of components.filter((x) => !orgHas(`${x.type}:${x.name}`)))
    refused.push(messages.getMessage('refused.unknownComponent', [`${c.type}:${c.name}`]));
  const models = new Set(components.filter((c) => c.type === 'DataModelObject').map((c) => c.name));
  const { members, unreadable } = await readOwnedMembers(files, components);
  for (const u of unreadable) refuse(u.file);
  const allowed: SnapshotMember[] = [];
  const read = new Set(members.map((m) => m.file));
  for (const file of files) {
    const member = memberOf(file);
    if (!member) {
      refuse(file);
      continue;
    }
    // key-qualifier fields are not read as content: they are allowed on the kit's own model objects only
    if (!read.has(file) && !(member.type === 'CustomField' && models.has(member.name.split('.')[0]))) {
      if (!unreadable.some((u) => u.file === file)) refuse(file, member);
      continue;
    }
    if (!read.has(file)) allowed.push({ type: member.type, fullName: member.name });
  }
  for (const m of members) {
    const ok =
      (m.member.type === 'DataPackageKitDefinition' && m.member.name === kit.name) ||
      (m.member.type === 'DataPackageKitObject' && parentOf(m.fields) === kit.name) ||
      (m.owner !== undefined &&
        (!['CustomObject', 'CustomField'].includes(m.member.type) || models.has(m.member.name.split('.')[0])));
    if (ok) allowed.push({ type: m.member.type, fullName: m.member.name });
    else refuse(m.file, m.member);
  }
  if (refused.length)
    throw messages.createError('error.SnapshotForeign', [snapshot, refused.map((r) => `  - ${r}`).join('\n')]);
  return allowed;
}
