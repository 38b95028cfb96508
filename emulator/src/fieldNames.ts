/*
 * How an org with the `dlo-shells` field report names a kit's data lake objects (profiles.ts, F2): the kit
 * component is Orders_Enriched1 (label: the object's label), a type-less "shell" Orders_Enriched2 carries the
 * object's API name as its label, deployment-status answers only for the kit component's name, and the
 * deployment log writes yet another suffix (Contact_Home19). Internally the emulator keeps API names (…__dll).
 */
import type { EmulatorState } from './state.js';
import type { Kit, KitComponent } from './types.js';

const DLL = /__dll$/;
const shelled = (state: EmulatorState, type: string): boolean =>
  state.options.dloListing === 'with-shells' && type === 'DataLakeObject';

/** The kit component's developer name, as the org lists it and as deployment-status wants it. */
export function listedName(state: EmulatorState, c: { type: string; info: { name: string } }): string {
  return shelled(state, c.type) ? `${c.info.name.replace(DLL, '')}1` : c.info.name;
}

/** The name a log row carries for a component (a suffix of its own in the dlo-shells profile). */
export function loggedName(state: EmulatorState, type: string, name: string, step: number): string {
  return shelled(state, type) ? `${name.replace(DLL, '')}${step + 11}` : name;
}

/** The list answer's entries for one component: a shelled DLO is two. */
export function listedEntries(state: EmulatorState, c: KitComponent): Array<Record<string, unknown>> {
  const entry = {
    componentType: c.type,
    developerName: listedName(state, c),
    label: c.info.label ?? c.info.name,
  };
  if (!shelled(state, c.type)) return [entry];
  return [entry, { developerName: `${c.info.name.replace(DLL, '')}2`, label: c.info.name }];
}

/** The API name a client's name stands for in this kit: the name itself, or the object behind a kit component name. */
export function apiNameIn(kit: Kit, state: EmulatorState, name: string, type?: string): string {
  const byListed = kit.components.find((c) => (!type || c.type === type) && listedName(state, c) === name);
  return byListed ? byListed.info.name : name;
}

/** A catalog name for a name a client sent when it may be a listed DLO name (Orders_Enriched1). */
export function catalogName(state: EmulatorState, type: string, name: string): string {
  if (!shelled(state, type) || name.endsWith('__dll')) return name;
  const hit = state.catalog.find(
    (c) => c.type === type && listedName(state, { type, info: { name: c.name } }) === name
  );
  return hit ? hit.name : name;
}

/** Kit type words as this org spells them (F8). */
export function kitTypeWord(state: EmulatorState, type: Kit['dataKitType']): string {
  const word = type === 'Sandbox' ? 'Sandbox' : 'None';
  return state.options.kitTypeWords === 'upper' ? (type === 'Sandbox' ? 'SANDBOX' : 'NONE') : word;
}

/** A kit type word read from a client or a file, in any case. */
export const readKitType = (word: unknown): Kit['dataKitType'] | undefined =>
  typeof word !== 'string'
    ? undefined
    : /^sandbox$/i.test(word)
      ? 'Sandbox'
      : /^(none|default)$/i.test(word)
        ? 'None'
        : undefined;
