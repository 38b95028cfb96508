/*
 * Before promoting: everything the kit's components need is in the kit or already in the target org.
 * Dependencies are asked in the source org (where the kit exists); the target is checked by what it can
 * offer (available components) and what its kits have deployed.
 */
import type { DataKitClient } from '../api/client.js';
import { refKey } from '../kits/componentRef.js';
import type { KitComponent } from '../kits/components.js';
import { canAskDependencies, DependencyReader } from '../kits/dependencies.js';
import { orgInventory } from '../kits/inventory.js';

export type MissingDependency = { component: string; needs: string };

export async function missingInTarget(
  source: DataKitClient,
  target: DataKitClient,
  kit: string,
  components: KitComponent[],
  dataSpace?: string
): Promise<MissingDependency[]> {
  // the org names a DLO dependency by its API name, the kit may list it under another (F2): both are in the kit
  const inKit = new Set(
    components.flatMap((c) => [refKey(c), ...(c.apiName ? [refKey({ type: c.type, name: c.apiName })] : [])])
  );
  const reader = new DependencyReader(source, kit, dataSpace);
  const needs = await Promise.all(
    components.filter((c) => canAskDependencies(c, true)).map(async (c) => ({ c, deps: await reader.of(c) }))
  );
  const outside = needs.flatMap(({ c, deps }) =>
    deps.filter((d) => !inKit.has(refKey(d))).map((d) => ({ component: refKey(c), dep: d }))
  );
  if (outside.length === 0) return [];
  const present = await orgInventory(target);
  return outside
    .filter((o) => !present.has(refKey(o.dep)))
    .map((o) => ({ component: o.component, needs: refKey(o.dep) }));
}
