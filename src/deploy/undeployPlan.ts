/*
 * What an undeploy removes, and in which order: only deployed components, dependants before what they need
 * (the reverse of the dependency order), since the org removes them one by one in the order sent.
 */
import { Messages } from '@salesforce/core';
import { UNDEPLOYABLE_TYPES } from '../api/componentTypes.js';
import type { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { refKey, type ComponentRef } from '../kits/componentRef.js';
import { kitComponents, requireInKit } from '../kits/components.js';
import { DependencyReader, orderByDependencies, type Ref } from '../kits/dependencies.js';
import { componentStatuses } from '../kits/status.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'plan');

export type UndeployPlan = { order: Ref[]; skipped: Array<Ref & { reason: string }> };

const UNDEPLOYABLE = new Set(UNDEPLOYABLE_TYPES);

export async function planUndeploy(
  client: DataKitClient,
  kit: DataKitDetails,
  refs?: ComponentRef[],
  dataSpace?: string
): Promise<UndeployPlan> {
  const all = kitComponents(kit);
  const selected = refs ? refs.map((r) => requireInKit(all, r, kit.developerName)) : all;
  const skipped: UndeployPlan['skipped'] = selected
    .filter((c) => !UNDEPLOYABLE.has(c.type))
    .map((c) => ({ type: c.type, name: c.name, reason: messages.getMessage('reason.notUndeployable') }));
  const candidates = selected.filter((c) => UNDEPLOYABLE.has(c.type));
  const statuses = await componentStatuses(client, kit.developerName, candidates);
  const deployed = candidates.filter((_, i) => statuses[i].status !== 'NOT_DEPLOYED');
  for (const c of candidates.filter((_, i) => statuses[i].status === 'NOT_DEPLOYED'))
    skipped.push({ type: c.type, name: c.name, reason: messages.getMessage('reason.notDeployed') });

  const reader = new DependencyReader(client, kit.developerName, dataSpace);
  const needs = new Map<string, string[]>();
  await Promise.all(deployed.map(async (c) => needs.set(refKey(c), (await reader.of(c)).map(refKey))));
  const order = orderByDependencies(deployed, needs)
    .reverse()
    .map(({ type, name }) => ({ type, name }));
  return { order, skipped };
}
