/*
 * A selective promotion carries only the components named with --component (and, with --with-dependencies, the
 * components of the same kit they need): for example one hotfix brought back from production. It changes the
 * content of components the target's kit already has; it never changes the kit's membership.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { parseComponentRef, refKey } from '../kits/componentRef.js';
import { kitComponents, requireInKit, type KitComponent } from '../kits/components.js';
import { DependencyReader } from '../kits/dependencies.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');

export async function selectiveScope(
  client: DataKitClient,
  kit: DataKitDetails,
  refs: string[],
  withDependencies: boolean,
  target: { label: string; components: Array<{ type: string; name: string }> }
): Promise<KitComponent[]> {
  const inKit = kitComponents(kit);
  const named = refs.map((r) => requireInKit(inKit, parseComponentRef(r), kit.developerName));
  const chosen = new Map(named.map((c) => [refKey(c), c]));
  if (withDependencies) {
    const reader = new DependencyReader(client, kit.developerName, kit.dataSpaceName);
    const isInKit = (r: { type: string; name: string }): boolean => inKit.some((c) => refKey(c) === refKey(r));
    for (const c of named)
      for (const edge of await reader.walk(c, isInKit, true))
        if (edge.inKit) chosen.set(refKey(edge), inKit.find((k) => refKey(k) === refKey(edge))!);
  }
  const targetKeys = new Set(target.components.map(refKey));
  const missing = [...chosen.keys()].filter((k) => !targetKeys.has(k));
  if (missing.length)
    throw messages.createError('error.NotInTargetKit', [missing.join(', '), kit.developerName, target.label]);
  // in the kit's deployment order
  return inKit.filter((c) => chosen.has(refKey(c)));
}
