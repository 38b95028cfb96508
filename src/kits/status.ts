/*
 * Each component's deployment status, a few requests at a time.
 */
import type { DataKitClient } from '../api/client.js';
import type { KitComponent } from './components.js';

export type ComponentStatus = { order: number; type: string; name: string; status: string; componentId?: string };

export async function componentStatuses(
  client: DataKitClient,
  kit: string,
  components: KitComponent[],
  concurrency = 8
): Promise<ComponentStatus[]> {
  const out = new Array<ComponentStatus>(components.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < components.length) {
      const i = next++;
      const c = components[i];
      const s = await client.deploymentStatus(kit, c.name);
      out[i] = {
        order: c.order,
        type: c.type,
        name: c.name,
        status: s.code,
        ...(s.componentId ? { componentId: s.componentId } : {}),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, components.length) }, worker));
  return out;
}
