/*
 * A kit's components as the list endpoint returns them, in publishing (deployment) order.
 */
import { Messages } from '@salesforce/core';
import { normalizeType } from '../api/componentTypes.js';
import type { DataKitComponentInput, DataKitDetails, ListedComponent } from '../api/types.js';
import { closest, didYouMean } from '../shared/suggest.js';
import { refKey, type ComponentRef } from './componentRef.js';

type Ref = { type: string; name: string };

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'kits');

export type KitComponent = {
  type: string;
  /** the kit component's developer name: what deployment-status and the kit's own resources take */
  name: string;
  label?: string;
  connectorType?: string;
  streams?: string[];
  order: number;
  /** a DLO's API name (…__dll) where the org lists it under another name (Orders_Enriched1), from its shell (F2) */
  apiName?: string;
  /** a DLO whose shell cannot be told: the shells that match it equally (named, never guessed) */
  ambiguousShells?: string[];
};

/** The type of a component the org listed without one: shown, but never written back. */
export const UNKNOWN_TYPE = 'Unknown';

/** A type-less entry whose label is an object's API name: a DLO's "shell", the org's own companion entry (F2). */
const isShell = (c: ListedComponent): boolean => !c.componentType && (c.label ?? '').endsWith('__dll');
const squash = (s: string): string =>
  s
    .replace(/__dll$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
/** A name without a DLO's __dll and without the numeric suffix some orgs add (Orders_Enriched1, Contact_Home19). */
export const nameStem = (name: string): string => name.replace(/__dll$/, '').replace(/\d+$/, '');

/**
 * Each DLO's shell: the shell whose label (the API name) matches the DLO's label, else its developer name without
 * the org's numeric suffix. A DLO that two shells match, or a shell that two DLOs match, is ambiguous.
 */
function pairShells(typed: ListedComponent[], shells: ListedComponent[]): Map<ListedComponent, ListedComponent[]> {
  const dlos = typed.filter((c) => normalizeType(c.componentType ?? '') === 'DataLakeObject');
  const candidates = new Map(
    dlos.map((d) => {
      const byLabel = shells.filter((s) => d.label && squash(s.label!) === squash(d.label));
      const byName = shells.filter((s) => nameStem(s.label!) === nameStem(d.developerName));
      return [d, byLabel.length ? byLabel : byName] as const;
    })
  );
  for (const [d, found] of candidates) {
    if (found.length !== 1) continue;
    const rivals = [...candidates].filter(([other, f]) => other !== d && f.includes(found[0])).map(([o]) => o);
    if (rivals.length) candidates.set(d, [found[0], ...rivals.map(() => found[0])]);
  }
  return candidates;
}

/** A component reference names this component: by its kit name or, for a DLO listed under another, its API name. */
export const namesComponent = (c: Pick<KitComponent, 'type' | 'name' | 'apiName'>, ref: Ref): boolean =>
  c.type === ref.type && (c.name === ref.name || (c.apiName !== undefined && c.apiName === ref.name));

/** "Orders_Enriched1 (Orders_Enriched__dll)" where the two names differ. */
export const displayName = (c: Pick<KitComponent, 'name' | 'apiName'>): string =>
  c.apiName && c.apiName !== c.name ? `${c.name} (${c.apiName})` : c.name;

/**
 * The kit's components as their metadata names them (a DLO by its __dll API name, F2): what content and snapshots
 * are keyed by, so that two orgs listing a DLO under different names own its templates the same way.
 */
export const contentRefs = (kit: DataKitDetails): Array<{ type: string; name: string }> =>
  kitComponents(kit).map((c) => ({ type: c.type, name: c.apiName ?? c.name }));

/** Components in publishing order; the sequence wins over the components array when the org sends both. */
export function kitComponents(kit: DataKitDetails): KitComponent[] {
  const shells = kit.components.filter(isShell);
  const listed = kit.components.filter((c) => !isShell(c));
  const pairs = pairShells(listed, shells);
  const sequence = kit.publishingSequence;
  const rank = (name: string): number => {
    const i = sequence.indexOf(name);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return listed
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.developerName) - rank(b.c.developerName) || a.i - b.i)
    .map(({ c }, i) => {
      const shellsOf = pairs.get(c) ?? [];
      const apiName = shellsOf.length === 1 ? shellsOf[0].label : undefined;
      return {
        type: (c.componentType ? (normalizeType(c.componentType) ?? c.componentType) : undefined) ?? UNKNOWN_TYPE,
        name: c.developerName,
        ...(c.label ? { label: c.label } : {}),
        ...(c.connectorType ? { connectorType: c.connectorType } : {}),
        ...(c.streams ? { streams: c.streams.map((s) => s.devName) } : {}),
        order: i + 1,
        ...(apiName && apiName !== c.developerName ? { apiName } : {}),
        ...(shellsOf.length > 1 ? { ambiguousShells: [...new Set(shellsOf.map((s) => s.developerName))] } : {}),
      };
    });
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
  const found = components.find((c) => namesComponent(c, ref));
  if (found) return found;
  const near = closest(
    ref.name,
    components.map((c) => c.name)
  ).map((n) => refKey(components.find((c) => c.name === n)!));
  throw messages.createError('error.ComponentNotInKit', [refKey(ref), kitName, didYouMean(near)], [kitName]);
}
