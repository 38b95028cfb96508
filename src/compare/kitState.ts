/*
 * One side of a comparison: a kit as an org has it (with each component's deployment status) or as a
 * source folder has it.
 */
import { isConnectType, kitTypeOf } from '../api/componentTypes.js';
import type { DataKitClient } from '../api/client.js';
import { kitComponents } from '../kits/components.js';
import { kitByName } from '../kits/kits.js';
import { componentStatuses } from '../kits/status.js';
import type { SourceKit } from '../source/kitSource.js';

export type StateComponent = {
  type: string;
  name: string;
  label?: string;
  connectorType?: string;
  order: number;
  status?: string;
};
export type KitState = {
  where: string;
  found: boolean;
  label?: string;
  dataKitType?: string;
  dataSpace?: string;
  components: StateComponent[];
};

export async function kitStateInOrg(
  client: DataKitClient,
  kit: string,
  where: string,
  withStatus = true
): Promise<KitState> {
  const found = await kitByName(client, kit);
  if (!found) return { where, found: false, components: [] };
  const components = kitComponents(found);
  const statuses = withStatus ? await componentStatuses(client, kit, components) : [];
  return {
    where,
    found: true,
    label: found.label,
    dataKitType: kitTypeOf(found.dataKitType) ?? found.dataKitType,
    dataSpace: found.dataSpaceName,
    components: components.map((c, i) => ({
      type: c.type,
      // a DLO by its API name: the name its metadata and other orgs know it by (the kit's own name differs, F2)
      name: c.apiName ?? c.name,
      label: c.label,
      ...(c.connectorType ? { connectorType: c.connectorType.toUpperCase() } : {}),
      order: c.order,
      ...(statuses[i] ? { status: statuses[i].status } : {}),
    })),
  };
}

export function kitStateInSource(kit: SourceKit | undefined, where: string): KitState {
  if (!kit) return { where, found: false, components: [] };
  return {
    where,
    found: true,
    label: kit.label,
    dataKitType: kitTypeOf(kit.dataKitType) ?? kit.dataKitType,
    dataSpace: kit.dataSpace,
    components: kit.components.map((c, i) => ({
      type: c.type,
      name: c.name,
      label: c.label,
      ...(c.connectorType ? { connectorType: c.connectorType.toUpperCase() } : {}),
      order: i + 1,
    })),
  };
}

/**
 * A source folder's kit with the org's type for each component whose metadata does not tell its type (F9: some
 * orgs write a template's type in referenceObjectType, and the template file may be missing): the org's kit, when
 * at hand, knows it by name.
 */
export function withOrgTypes(kit: SourceKit, org: KitState): SourceKit {
  return {
    ...kit,
    components: kit.components.map((c) => {
      if (isConnectType(c.type)) return c;
      const known = org.components.find((o) => o.name === c.name)?.type;
      return known ? { ...c, type: known } : c;
    }),
  };
}
