/*
 * What an org has that kits can use: its available components and every component of its kits, as TYPE:NAME.
 */
import type { DataKitClient } from '../api/client.js';
import { normalizeType } from '../api/componentTypes.js';
import { kitComponents } from './components.js';

export async function orgInventory(client: DataKitClient): Promise<Set<string>> {
  const [available, kits] = await Promise.all([client.allAvailableComponents({}), client.listKits()]);
  const keys = new Set<string>();
  for (const a of available) keys.add(`${normalizeType(a.type) ?? a.type}:${a.info.name}`);
  for (const k of kits) for (const c of kitComponents(k)) keys.add(`${c.type}:${c.name}`);
  return keys;
}
