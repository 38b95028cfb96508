/*
 * The kit manifest as Metadata API members, and as a package.xml for `sf project retrieve start --manifest`.
 */
import type { ManifestMembers } from '../api/types.js';

export type ManifestType = { type: string; members: string[] };

/** Manifest entity names are Metadata API type names; merged, de-duplicated and sorted. */
export function manifestTypes(list: ManifestMembers[]): ManifestType[] {
  const byType = new Map<string, Set<string>>();
  for (const m of list) {
    const set = byType.get(m.entityName) ?? new Set<string>();
    for (const name of m.developerName) set.add(name);
    byType.set(m.entityName, set);
  }
  return [...byType]
    .map(([type, names]) => ({ type, members: [...names].sort() }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toPackageXml(types: ManifestType[], apiVersion: string): string {
  const blocks = types.map(
    (t) =>
      `    <types>\n${t.members.map((m) => `        <members>${escapeXml(m)}</members>\n`).join('')}        <name>${escapeXml(t.type)}</name>\n    </types>\n`
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n${blocks.join('')}    <version>${apiVersion}</version>\n</Package>\n`;
}
