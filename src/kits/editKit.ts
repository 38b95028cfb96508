/*
 * Adding and removing components. Every name is checked before the first write, so a wrong name never changes
 * the kit; the writes themselves go through changeComponents (read fresh, write, read back, merge on a race).
 */
import type { OrgWriter } from '../api/writer.js';
import type { DataKitComponentInput } from '../api/types.js';
import { ApiError } from '../api/errors.js';
import { lookupAvailable, resolveAvailable } from './available.js';
import { refKey, type ComponentRef } from './componentRef.js';
import { kitComponents, namesComponent, requireInKit } from './components.js';
import { canAskDependencies, DependencyReader, orderByDependencies, type Ref } from './dependencies.js';
import { findKit, type LookupContext } from './kits.js';
import { changeComponents } from './writeSet.js';

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
const refs = (components: Ref[]): Ref[] => components.map(({ type, name }) => ({ type, name }));
const unique = <T extends Ref>(items: T[]): T[] => items.filter((x, i) => items.findIndex((y) => same(x, y)) === i);

export async function addComponents(
  client: OrgWriter,
  kitName: string,
  wanted: ComponentRef[],
  opts: { withDependencies: boolean; lookup: LookupContext }
): Promise<AddOutcome> {
  const current = kitComponents(await findKit(client, kitName, opts.lookup));
  const alreadyInKit = unique(wanted.filter((r) => current.some((c) => namesComponent(c, r))));
  const fresh = unique(wanted.filter((r) => !current.some((c) => namesComponent(c, r))));
  if (fresh.length === 0) {
    return {
      name: kitName,
      added: [],
      alreadyInKit,
      dependenciesAdded: [],
      missingDependencies: [],
      components: refs(current),
    };
  }

  let kit = await changeComponents(client, kitName, opts.lookup, {
    add: await resolveAvailable(client, fresh, opts.lookup.orgLabel),
  });

  // the API answers dependencies only for components in the kit: ask after each round is in
  const reader = new DependencyReader(client, kitName);
  const needs = new Map<string, string[]>();
  const dependenciesAdded: Ref[] = [];
  let missing: MissingDependency[] = [];
  let frontier: Ref[] = fresh;
  while (frontier.length > 0) {
    const inKit = (r: Ref): boolean => kitComponents(kit).some((c) => namesComponent(c, r));
    const asked = await Promise.all(
      frontier.filter((f) => canAskDependencies(f, true)).map(async (f) => ({ f, deps: await reader.of(f) }))
    );
    const outside: MissingDependency[] = [];
    for (const { f, deps } of asked) {
      needs.set(refKey(f), deps.map(refKey));
      for (const d of deps) if (!inKit(d)) outside.push({ ...d, neededBy: refKey(f) });
    }
    if (!opts.withDependencies || outside.length === 0) {
      missing = [...missing, ...outside];
      break;
    }
    const { found, missing: unavailable } = await lookupAvailable(
      client,
      unique(outside).map((w) => ({ type: w.type, name: w.name }) as ComponentRef)
    );
    missing = [...missing, ...outside.filter((o) => unavailable.some((u) => same(u.ref, o)))];
    if (found.length === 0) break;
    kit = await changeComponents(client, kitName, opts.lookup, { add: found });
    dependenciesAdded.push(...found.map(ref));
    frontier = found.map(ref);
  }

  // what a component needs goes before it in the publishing sequence: that takes every component's dependencies
  const all = kitComponents(kit);
  const unasked = all.filter((c) => canAskDependencies(c, true) && !needs.has(refKey(c)));
  // a component removed by a concurrent command answers 404 here: it needs nothing in this kit any more
  const gone = (e: unknown): Ref[] => {
    if (e instanceof ApiError && e.status === 404) return [];
    throw e;
  };
  const answers = await Promise.all(
    unasked.map(async (component) => ({ component, deps: await reader.of(component).catch(gone) }))
  );
  for (const { component, deps } of answers) needs.set(refKey(component), deps.map(refKey));
  const order = (set: DataKitComponentInput[]): DataKitComponentInput[] =>
    orderByDependencies(
      set.map((c) => ({ ...ref(c), input: c })),
      needs
    ).map((c) => c.input);
  kit = await changeComponents(client, kitName, opts.lookup, { order });

  const components = refs(kitComponents(kit));
  return {
    name: kitName,
    added: refs(fresh.filter((f) => components.some((c) => same(c, f)))),
    alreadyInKit,
    dependenciesAdded,
    missingDependencies: missing,
    components,
  };
}

export async function removeComponents(
  client: OrgWriter,
  kitName: string,
  wanted: ComponentRef[],
  lookup: LookupContext
): Promise<RemoveOutcome> {
  const current = kitComponents(await findKit(client, kitName, lookup));
  const removed = refs(unique(wanted.map((r) => requireInKit(current, r, kitName))));
  const remaining = current.filter((c) => !removed.some((r) => same(r, c)));

  // read before writing: after the PATCH the API no longer answers for components outside the kit
  const reader = new DependencyReader(client, kitName);
  const [statuses, needs] = await Promise.all([
    Promise.all(removed.map(async (r) => ({ ...r, status: (await client.deploymentStatus(kitName, r.name)).code }))),
    Promise.all(
      remaining.filter((c) => canAskDependencies(c, true)).map(async (c) => ({ c, deps: await reader.of(c) }))
    ),
  ]);
  const kit = await changeComponents(client, kitName, lookup, { remove: removed });

  return {
    name: kitName,
    removed,
    components: refs(kitComponents(kit)),
    stillDeployed: statuses.filter((s) => s.status !== 'NOT_DEPLOYED' && s.status !== 'UNKNOWN'),
    brokenDependencies: needs.flatMap(({ c, deps }) =>
      deps.filter((d) => removed.some((r) => same(r, d))).map((d) => ({ type: c.type, name: c.name, needs: refKey(d) }))
    ),
  };
}
