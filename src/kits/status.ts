/*
 * Each component's deployment status, a few requests at a time.
 */
import type { DataKitClient } from '../api/client.js';
import { mapInPool } from '../shared/pool.js';
import type { KitComponent } from './components.js';

export type ComponentStatus = { order: number; type: string; name: string; status: string; componentId?: string };

export async function componentStatuses(
  client: DataKitClient,
  kit: string,
  components: KitComponent[],
  concurrency = 8
): Promise<ComponentStatus[]> {
  return mapInPool(
    components,
    async (c) => {
      const s = await client.deploymentStatus(kit, c.name);
      return {
        order: c.order,
        type: c.type,
        name: c.name,
        status: s.code,
        ...(s.componentId ? { componentId: s.componentId } : {}),
      };
    },
    concurrency
  );
}
