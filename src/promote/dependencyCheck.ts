/*
 * Before promoting: everything the kit's components need is in the kit or already in the target org.
 * Dependencies are asked in the source org (where the kit exists); the target is checked by what it can
 * offer (available components) and what its kits have deployed.
 */
import type { DataKitClient } from '../api/client.js';
import { normalizeType } from '../api/componentTypes.js';
import { refKey } from '../kits/componentRef.js';
import type { KitComponent } from '../kits/components.js';
import { canAskDependencies, DependencyReader, type Ref } from '../kits/dependencies.js';

export type MissingDependency = { component: string; needs: string };

export async function missingInTarget(source: DataKitClient, target: DataKitClient, kit: string, components: KitComponent[], dataSpace?: string): Promise<MissingDependency[]> {
  const inKit = new Set(components.map(refKey));
  const reader = new DependencyReader(source, kit, dataSpace);
  const needs = await Promise.all(components.filter((c) => canAskDependencies(c, true)).map(async (c) => ({ c, deps: await reader.of(c) })));
  const outside = needs.flatMap(({ c, deps }) => deps.filter((d) => !inKit.has(refKey(d))).map((d) => ({ component: refKey(c), dep: d })));
  if (outside.length === 0) return [];
  const present = await presentIn(target, outside.map((o) => o.dep));
  return outside.filter((o) => !present.has(refKey(o.dep))).map((o) => ({ component: o.component, needs: refKey(o.dep) }));
}

/** Which of `refs` the target org has: offered as available components, or in one of its kits. */
async function presentIn(client: DataKitClient, refs: Ref[]): Promise<Set<string>> {
  const [available, kits] = await Promise.all([client.allAvailableComponents({}), client.listKits()]);
  const present = new Set<string>();
  const wanted = new Set(refs.map(refKey));
  for (const a of available) present.add(`${normalizeType(a.type) ?? a.type}:${a.info.name}`);
  for (const k of kits) for (const c of k.components ?? []) present.add(`${normalizeType(c.componentType) ?? c.componentType}:${c.developerName}`);
  return new Set([...wanted].filter((w) => present.has(w)));
}
