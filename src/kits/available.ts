/*
 * Resolving TYPE:NAME references against what the org can put into a kit (available-components).
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { DataKitComponentInput } from '../api/types.js';
import { closest, didYouMean } from '../shared/suggest.js';
import { refKey, type ComponentRef } from './componentRef.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'kits');

/** Every available component of the given types, one paged walk per type. */
export async function availableByType(
  client: DataKitClient,
  types: Iterable<string>,
  kit?: string
): Promise<Map<string, DataKitComponentInput[]>> {
  const byType = new Map<string, DataKitComponentInput[]>();
  for (const type of new Set(types)) {
    byType.set(type, await client.allAvailableComponents({ componentType: type, dataKitDevName: kit }));
  }
  return byType;
}

/** Splits references into the API inputs the org has and the ones it does not. */
export async function lookupAvailable(
  client: DataKitClient,
  refs: ComponentRef[]
): Promise<{ found: DataKitComponentInput[]; missing: Array<{ ref: ComponentRef; near: string[] }> }> {
  const byType = await availableByType(
    client,
    refs.map((r) => r.type)
  );
  const found: DataKitComponentInput[] = [];
  const missing: Array<{ ref: ComponentRef; near: string[] }> = [];
  for (const ref of refs) {
    const candidates = byType.get(ref.type) ?? [];
    const hit = candidates.find((c) => c.info.name === ref.name);
    if (hit) found.push(toInput(hit));
    else
      missing.push({
        ref,
        near: closest(
          ref.name,
          candidates.map((c) => c.info.name)
        ),
      });
  }
  return { found, missing };
}

/**
 * The API input for each reference, with label, connector and streams from the org.
 * Throws ComponentNotAvailable naming the first unknown component and the closest names of its type.
 */
export async function resolveAvailable(
  client: DataKitClient,
  refs: ComponentRef[],
  orgLabel: string
): Promise<DataKitComponentInput[]> {
  const { found, missing } = await lookupAvailable(client, refs);
  if (missing.length > 0) {
    const { ref, near } = missing[0];
    throw messages.createError(
      'error.ComponentNotAvailable',
      [refKey(ref), orgLabel, didYouMean(near.map((n) => `${ref.type}:${n}`))],
      [ref.type]
    );
  }
  return found;
}

/** The create/patch input shape of an available (or listed) component. */
export function toInput(c: DataKitComponentInput): DataKitComponentInput {
  const { name, label, connectorType, streams } = c.info;
  return {
    type: c.type,
    info: {
      name,
      ...(label ? { label } : {}),
      ...(connectorType ? { connectorType } : {}),
      ...(streams ? { streams: streams.map((s) => ({ devName: s.devName, label: s.label })) } : {}),
    },
  };
}
