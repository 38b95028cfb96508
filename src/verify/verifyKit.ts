/*
 * Does the kit work in the org, beyond every component being ACTIVE? Its items (items.ts), each read from the org
 * (read.ts). Shared by verify, the --verify of unwrap and promote, and the post-deploy hook.
 */
import type { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import type { ConfigOverrides } from '../deploy/config.js';
import { kitComponents } from '../kits/components.js';
import { componentStatuses } from '../kits/status.js';
import { verifyItems } from './items.js';
import { readStates, type VerifiedItem } from './read.js';

export type KitVerification = {
  kit: string;
  items: VerifiedItem[];
  /** items not done */
  open: number;
};

export async function verifyKit(
  client: DataKitClient,
  kit: DataKitDetails,
  orgId: string,
  overrides: ConfigOverrides = {}
): Promise<KitVerification> {
  const components = kitComponents(kit);
  const statuses = await componentStatuses(client, kit.developerName, components);
  const active = new Set(statuses.filter((s) => s.status.toUpperCase() === 'ACTIVE').map((s) => s.name));
  const ctx = { kit: kit.developerName, dataSpace: kit.dataSpaceName ?? 'default', orgId };
  const items = await readStates(client, kit.developerName, verifyItems(components, active, ctx, overrides));
  return { kit: kit.developerName, items, open: items.filter((i) => i.state !== 'done').length };
}
