/*
 * A kit's components as the list endpoint returns them, in publishing (deployment) order.
 */
import { Messages } from '@salesforce/core';
import { normalizeType } from '../api/componentTypes.js';
import type { DataKitComponentInput, DataKitDetails } from '../api/types.js';
import { closest, didYouMean } from '../shared/suggest.js';
import { refKey, type ComponentRef } from './componentRef.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'kits');

export type KitComponent = {
  type: string;
  name: string;
  label?: string;
  connectorType?: string;
  streams?: string[];
  order: number;
};

/** The type of a component the org listed without one: shown, but never written back. */
export const UNKNOWN_TYPE = 'Unknown';

/** Components in publishing order; the sequence wins over the components array when the org sends both. */
export function kitComponents(kit: DataKitDetails): KitComponent[] {
  const sequence = kit.publishingSequence;
  const rank = (name: string): number => {
    const i = sequence.indexOf(name);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return kit.components
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.developerName) - rank(b.c.developerName) || a.i - b.i)
    .map(({ c }, i) => ({
      type: (c.componentType ? (normalizeType(c.componentType) ?? c.componentType) : undefined) ?? UNKNOWN_TYPE,
      name: c.developerName,
      ...(c.label ? { label: c.label } : {}),
      ...(c.connectorType ? { connectorType: c.connectorType } : {}),
      ...(c.streams ? { streams: c.streams.map((s) => s.devName) } : {}),
      order: i + 1,
    }));
}

/** The PATCH input for components already in the kit (PATCH replaces the whole set, so we resend them). */
export function asInput(c: KitComponent, original?: DataKitDetails): DataKitComponentInput {
  const listed = original?.components.find((x) => x.developerName === c.name);
  const streams = listed?.streams?.map((s) => ({ devName: s.devName, label: s.label ?? s.devName }));
  return {
    type: c.type,
    info: {
      name: c.name,
      ...(c.label ? { label: c.label } : {}),
      ...(c.connectorType ? { connectorType: c.connectorType } : {}),
      ...(streams?.length ? { streams } : {}),
    },
  };
}

/** The kit's component for a reference, or ComponentNotInKit with the closest names in the kit. */
export function requireInKit(components: KitComponent[], ref: ComponentRef, kitName: string): KitComponent {
  const found = components.find((c) => c.type === ref.type && c.name === ref.name);
  if (found) return found;
  const near = closest(
    ref.name,
    components.map((c) => c.name)
  ).map((n) => refKey(components.find((c) => c.name === n)!));
  throw messages.createError('error.ComponentNotInKit', [refKey(ref), kitName, didYouMean(near)], [kitName]);
}
