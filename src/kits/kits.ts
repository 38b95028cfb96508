/*
 * Kit lookups shared by the commands: find a kit by name or fail with the closest names.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { closest } from '../shared/suggest.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'kits');

export type KitSummary = {
  name: string;
  label: string;
  /** Connect API kit type: None (a standard kit) or Sandbox (a DevOps kit); undefined when the org does not say */
  type?: string;
  componentCount: number;
  dataSpace?: string;
};

export const typeLabel = (type?: string): string => (type === 'Sandbox' ? 'DevOps' : type === 'None' ? 'Standard' : '—');

export function summarize(kit: DataKitDetails): KitSummary {
  return {
    name: kit.developerName,
    label: kit.label,
    type: kit.dataKitType,
    componentCount: kit.components?.length ?? 0,
    dataSpace: kit.dataSpaceName,
  };
}

export function kitNotFound(name: string, known: string[], orgLabel: string): Error {
  const near = closest(name, known);
  return messages.createError('error.KitNotFound', [name, orgLabel, near.length ? ` Did you mean: ${near.join(', ')}?` : '']);
}

/** The kit's details, or a KitNotFound error naming the closest kits. */
export async function findKit(client: DataKitClient, name: string, orgLabel: string): Promise<DataKitDetails> {
  const kits = await client.listKits();
  const kit = kits.find((k) => k.developerName === name);
  if (!kit) throw kitNotFound(name, kits.map((k) => k.developerName), orgLabel);
  return kit;
}
