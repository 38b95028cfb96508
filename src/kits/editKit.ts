/*
 * Adding and removing components. The API's PATCH replaces the whole set, so both read the current set,
 * change it, and write it all back: components not named are resent exactly as the org listed them.
 * Every name is checked before the first write, so a wrong name never changes the kit.
 */
import type { DataKitClient } from '../api/client.js';
import type { DataKitComponentInput } from '../api/types.js';
import { lookupAvailable, resolveAvailable } from './available.js';
import { refKey, type ComponentRef } from './componentRef.js';
import { asInput, kitComponents, requireInKit } from './components.js';
import { canAskDependencies, DependencyReader, orderByDependencies, type Ref } from './dependencies.js';
import { findKit } from './kits.js';

/** a dependency left outside the kit (not added, or not available in the org) */
export type MissingDependency = Ref & { neededBy: string };

export type AddOutcome = {
  name: string;
  added: Ref[];
  alreadyInKit: Ref[];
  dependenciesAdded: Ref[];
  missingDependencies: MissingDependency[];
  components: Ref[];
};

export type RemoveOutcome = {
  name: string;
  removed: Ref[];
  components: Ref[];
  /** removed components the kit had deployed: they stay deployed until undeployed */
  stillDeployed: Array<Ref & { status: string }>;
  /** components left in the kit that need a removed one */
  brokenDependencies: Array<Ref & { needs: string }>;
};

const same = (a: Ref, b: Ref): boolean => a.type === b.type && a.name === b.name;
const ref = (c: { type: string; info: { name: string } }): Ref => ({ type: c.type, name: c.info.name });
const unique = <T extends Ref>(items: T[]): T[] => items.filter((x, i) => items.findIndex((y) => same(x, y)) === i);

export async function addComponents(
  client: DataKitClient,
  kitName: string,
  refs: ComponentRef[],
  opts: { withDependencies: boolean; orgLabel: string }
): Promise<AddOutcome> {
  const kit = await findKit(client, kitName, opts.orgLabel);
  const current = kitComponents(kit);
  const alreadyInKit = unique(refs.filter((r) => current.some((c) => same(c, r))));
  const fresh = unique(refs.filter((r) => !current.some((c) => same(c, r))));
  const unchanged = (): AddOutcome => ({
    name: kitName, added: [], alreadyInKit, dependenciesAdded: [], missingDependencies: [], components: current.map(({ type, name }) => ({ type, name })),
  });
  if (fresh.length === 0) return unchanged();

  let set: DataKitComponentInput[] = [...current.map((c) => asInput(c, kit)), ...(await resolveAvailable(client, fresh, opts.orgLabel))];
  await client.replaceComponents(kitName, set);

  const reader = new DependencyReader(client, kitName);
  const needs = new Map<string, string[]>();
  const dependenciesAdded: Ref[] = [];
  let missing: MissingDependency[] = [];
  let frontier: Ref[] = fresh;
  while (frontier.length > 0) {
    const inKit = (r: Ref): boolean => set.some((c) => same(ref(c), r));
    // eslint-disable-next-line no-await-in-loop -- each round needs the previous round's components in the kit
    const asked = await Promise.all(frontier.filter((f) => canAskDependencies(f, true)).map(async (f) => ({ f, deps: await reader.of(f) })));
    const outside: MissingDependency[] = [];
    for (const { f, deps } of asked) {
      needs.set(refKey(f), deps.map(refKey));
      for (const d of deps) if (!inKit(d)) outside.push({ ...d, neededBy: refKey(f) });
    }
    const wanted = unique(outside);
    if (!opts.withDependencies || wanted.length === 0) {
      missing = [...missing, ...outside];
      break;
    }
    // eslint-disable-next-line no-await-in-loop
    const { found, missing: unavailable } = await lookupAvailable(client, wanted.map((w) => ({ type: w.type, name: w.name }) as ComponentRef));
    missing = [...missing, ...outside.filter((o) => unavailable.some((u) => same(u.ref, o)))];
    set = [...set, ...found];
    dependenciesAdded.push(...found.map(ref));
    frontier = found.map(ref);
    // eslint-disable-next-line no-await-in-loop
    if (found.length > 0) await client.replaceComponents(kitName, set);
  }

  // what a component needs goes before it in the publishing sequence: that takes every component's dependencies
  const unasked = set.map(ref).filter((r) => canAskDependencies(r, true) && !needs.has(refKey(r)));
  for (const { r, deps } of await Promise.all(unasked.map(async (r) => ({ r, deps: await reader.of(r) })))) needs.set(refKey(r), deps.map(refKey));
  const ordered = orderByDependencies(set.map((c) => ({ ...ref(c), input: c })), needs);
  if (ordered.some((c, i) => !same(c, ref(set[i])))) {
    set = ordered.map((c) => c.input);
    await client.replaceComponents(kitName, set);
  }
  const freshAdded = fresh.filter((f) => set.some((c) => same(ref(c), f)));
  return {
    name: kitName,
    added: freshAdded.map(({ type, name }) => ({ type, name })),
    alreadyInKit,
    dependenciesAdded,
    missingDependencies: missing,
    components: set.map(ref),
  };
}

export async function removeComponents(client: DataKitClient, kitName: string, refs: ComponentRef[], orgLabel: string): Promise<RemoveOutcome> {
  const kit = await findKit(client, kitName, orgLabel);
  const current = kitComponents(kit);
  const removed = unique(refs.map((r) => requireInKit(current, r, kitName))).map(({ type, name }) => ({ type, name }));
  const remaining = current.filter((c) => !removed.some((r) => same(r, c)));

  // read before writing: after the PATCH the API no longer answers for components outside the kit
  const reader = new DependencyReader(client, kitName);
  const [statuses, needs] = await Promise.all([
    Promise.all(removed.map(async (r) => ({ ...r, status: (await client.deploymentStatus(kitName, r.name)).status?.code ?? 'UNKNOWN' }))),
    Promise.all(remaining.filter((c) => canAskDependencies(c, true)).map(async (c) => ({ c, deps: await reader.of(c) }))),
  ]);
  await client.replaceComponents(kitName, remaining.map((c) => asInput(c, kit)));

  return {
    name: kitName,
    removed,
    components: remaining.map(({ type, name }) => ({ type, name })),
    stillDeployed: statuses.filter((s) => s.status !== 'NOT_DEPLOYED' && s.status !== 'UNKNOWN'),
    brokenDependencies: needs.flatMap(({ c, deps }) =>
      deps.filter((d) => removed.some((r) => same(r, d))).map((d) => ({ type: c.type, name: c.name, needs: refKey(d) }))
    ),
  };
}
