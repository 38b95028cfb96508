/*
 * The only way this plugin changes a kit's components. The API's PATCH replaces the whole set, so two writers
 * that read the same set lose each other's changes. Each change therefore reads the set fresh, applies itself,
 * writes, and reads the set back a moment later: when a concurrent writer replaced it, the change is merged into
 * the new set and written again (a few times at most), or the command fails naming what is missing.
 */
import { Messages } from '@salesforce/core';
import type { OrgWriter } from '../api/writer.js';
import type { DataKitComponentInput, DataKitDetails } from '../api/types.js';
import { numberFromEnv } from '../shared/env.js';
import { sleep } from '../shared/interrupt.js';
import { refKey } from './componentRef.js';
import { asInput, kitComponents, namesComponent, UNKNOWN_TYPE } from './components.js';
import type { Ref } from './dependencies.js';
import { findKit, type LookupContext } from './kits.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'kits');

export type SetChange = {
  add?: DataKitComponentInput[];
  remove?: Ref[];
  /** the set's new order (a permutation of it); membership is what is checked afterwards */
  order?: (set: DataKitComponentInput[]) => DataKitComponentInput[];
};

const WRITE_ATTEMPTS = 4;
/** How long to wait before reading a written set back: long enough for a concurrent write to land first. */
const settleMs = (): number => numberFromEnv('SF_DATAKIT_SETTLE_MS', 1000, 0, 60_000);

const same = (a: Ref, b: Ref): boolean => a.type === b.type && a.name === b.name;
const refOf = (c: DataKitComponentInput): Ref => ({ type: c.type, name: c.info.name });

/**
 * A set with components the org listed without a name or type cannot be written back without losing them. DLO
 * shells are the org's own companions of its DLOs (F2): the org lists them again after a write, so they do not count.
 */
function assertRewritable(kit: DataKitDetails): void {
  const untyped = kitComponents(kit).filter((c) => c.type === UNKNOWN_TYPE);
  if (kit.unnamedComponents > 0 || untyped.length > 0) {
    throw messages.createError(
      'error.KitNotRewritable',
      [kit.unnamedComponents + untyped.length, kit.developerName],
      [kit.developerName]
    );
  }
}

function applyTo(kit: DataKitDetails, change: SetChange): DataKitComponentInput[] {
  const listed = kitComponents(kit);
  const current = listed.map((c) => asInput(c, kit));
  const kept = current.filter((c) => !(change.remove ?? []).some((r) => same(r, refOf(c))));
  const added = (change.add ?? []).filter(
    (a) => !listed.some((c) => namesComponent(c, refOf(a)) && kept.some((k) => k.info.name === c.name))
  );
  const next = [...kept, ...added];
  return change.order ? change.order(next) : next;
}

/** What of the change is not in the set: additions missing, removals still there. */
function notApplied(kit: DataKitDetails, change: SetChange): Ref[] {
  const has = (r: Ref): boolean => kitComponents(kit).some((c) => namesComponent(c, r));
  return [...(change.add ?? []).map(refOf).filter((r) => !has(r)), ...(change.remove ?? []).filter(has)];
}

const sameOrder = (a: DataKitComponentInput[], b: DataKitComponentInput[]): boolean =>
  a.length === b.length && a.every((x, i) => same(refOf(x), refOf(b[i])));

/** Applies the change and returns the kit as the org lists it afterwards. */
export async function changeComponents(
  client: OrgWriter,
  kitName: string,
  ctx: LookupContext,
  change: SetChange
): Promise<DataKitDetails> {
  let missing: Ref[] = [];
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const kit = await findKit(client, kitName, ctx);
    assertRewritable(kit);
    const desired = applyTo(kit, change);
    const current = kitComponents(kit).map((c) => asInput(c, kit));
    if (sameOrder(current, desired) && notApplied(kit, change).length === 0) return kit;
    await client.replaceComponents(kitName, desired);
    await sleep(settleMs());
    const after = await findKit(client, kitName, ctx);
    missing = notApplied(after, change);
    if (missing.length === 0) return after;
  }
  throw messages.createError('error.LostUpdate', [kitName, WRITE_ATTEMPTS, missing.map(refKey).join(', ')], [kitName]);
}
