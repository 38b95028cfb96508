/*
 * Which manifest types the Metadata API and the CLI's registry can carry. The kit manifest lists some that they
 * cannot: those are left out of a retrieve, with the reason and what to do.
 */
import { Messages } from '@salesforce/core';
import type { ManifestType } from '../kits/packageXml.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

export type LeftOut = ManifestType & { reason: string };

/** Types kit manifests list that the Metadata API cannot retrieve on their own (docs/api-notes.md Q11), and why. */
const NOT_RETRIEVABLE: Record<string, string> = { ExtDataTranFieldTemplate: 'leftOut.fieldTemplate' };

/** `knows(type)`: whether the source-deploy-retrieve registry has the type. */
export function splitRetrievable(
  types: ManifestType[],
  knows: (type: string) => boolean
): { retrievable: ManifestType[]; leftOut: LeftOut[] } {
  const retrievable: ManifestType[] = [];
  const leftOut: LeftOut[] = [];
  for (const t of types) {
    if (NOT_RETRIEVABLE[t.type]) leftOut.push({ ...t, reason: messages.getMessage(NOT_RETRIEVABLE[t.type]) });
    else if (!knows(t.type)) leftOut.push({ ...t, reason: messages.getMessage('leftOut.unknownType') });
    else retrievable.push(t);
  }
  return { retrievable, leftOut };
}
