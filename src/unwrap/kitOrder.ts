/*
 * Several kits deployed together are unwrapped so that a kit comes after the kits whose components it needs
 * (a segment kit after the kit with its calculated insights). What each component needs comes from the org's
 * /dependencies answers; kits that do not depend on each other keep their given order.
 */
import type { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { kitComponents } from '../kits/components.js';
import { canAskDependencies, DependencyReader, orderByDependencies } from '../kits/dependencies.js';

export async function orderKitsByDependencies(
  client: DataKitClient,
  kits: DataKitDetails[]
): Promise<DataKitDetails[]> {
  if (kits.length < 2) return kits;
  const owner = new Map<string, string>();
  for (const kit of kits) for (const c of kitComponents(kit)) owner.set(c.name, kit.developerName);
  const needs = new Map<string, string[]>();
  await Promise.all(
    kits.map(async (kit) => {
      const reader = new DependencyReader(client, kit.developerName, kit.dataSpaceName);
      const components = kitComponents(kit).filter((c) => canAskDependencies(c, true));
      const deps = (await Promise.all(components.map((c) => reader.of(c).catch(() => [])))).flat();
      const kitsNeeded = new Set(
        deps.map((d) => owner.get(d.name)).filter((k): k is string => k !== undefined && k !== kit.developerName)
      );
      needs.set(
        `Kit:${kit.developerName}`,
        [...kitsNeeded].map((k) => `Kit:${k}`)
      );
    })
  );
  const ordered = orderByDependencies(
    kits.map((k) => ({ type: 'Kit', name: k.developerName, kit: k })),
    needs
  );
  return ordered.map((o) => o.kit);
}
