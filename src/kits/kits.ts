/*
 * Kit lookups shared by the commands: find a kit by name or fail with the closest names. Right after this machine
 * created a kit, a lookup that misses waits once for the org's list to catch up.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { isDevOpsType, kitTypeOf } from '../api/componentTypes.js';
import type { DataKitDetails } from '../api/types.js';
import { numberFromEnv } from '../shared/env.js';
import { sleep } from '../shared/interrupt.js';
import { closest, didYouMean } from '../shared/suggest.js';
import { RecentKits } from './recentKits.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'kits');

export type KitSummary = {
  name: string;
  label: string;
  /** Connect API kit type: None (a standard kit) or Sandbox (a DevOps kit); undefined when the org does not say */
  type?: string;
  componentCount: number;
  dataSpace?: string;
};

/** Where a lookup happens: the org as messages name it, its id, and where a note about list lag goes. */
export type LookupContext = { orgLabel: string; orgName: string; orgId?: string; note?: (text: string) => void };

/** How long a lookup waits for the list to show a kit created moments ago (SF_DATAKIT_LIST_LAG_WAIT_MS). */
const listLagWaitMs = (): number => numberFromEnv('SF_DATAKIT_LIST_LAG_WAIT_MS', 3000, 0, 60_000);

export const typeLabel = (type?: string): string =>
  isDevOpsType(type) ? 'DevOps' : kitTypeOf(type) === 'None' ? 'Standard' : '—';

export function summarize(kit: DataKitDetails): KitSummary {
  return {
    name: kit.developerName,
    label: kit.label,
    type: kitTypeOf(kit.dataKitType) ?? kit.dataKitType,
    componentCount: kit.components.length,
    dataSpace: kit.dataSpaceName,
  };
}

export function kitNotFound(name: string, known: string[], ctx: Pick<LookupContext, 'orgLabel' | 'orgName'>): Error {
  const near = closest(name, known);
  return messages.createError('error.KitNotFound', [name, ctx.orgLabel, didYouMean(near)], [ctx.orgName]);
}

/**
 * The kit read on its own by name where the org answers that (F1); null where it does not, or failed, so the list
 * is read instead; undefined when the org has no such kit.
 */
async function readByName(client: DataKitClient, name: string): Promise<DataKitDetails | undefined | null> {
  return client.readKit(name).catch((e: unknown) => {
    if (e instanceof ApiError && e.status >= 500) return null;
    throw e;
  });
}

/** The kit by name, or undefined: read on its own where the org answers that (one request), else found in the list. */
export async function kitByName(client: DataKitClient, name: string): Promise<DataKitDetails | undefined> {
  const direct = await readByName(client, name);
  if (direct !== null) return direct;
  return (await client.listKits()).find((k) => k.developerName === name);
}

/** The kit and every kit of the org, or KitNotFound naming the closest kits. */
export async function findKitAmong(
  client: DataKitClient,
  name: string,
  ctx: LookupContext
): Promise<{ kit: DataKitDetails; all: DataKitDetails[] }> {
  const direct = await readByName(client, name);
  if (direct) {
    // the other kits only matter for dependencies between kits: a list that fails leaves this one
    const others = await client.listKits().catch(() => []);
    return { kit: direct, all: [direct, ...others.filter((k) => k.developerName !== name)] };
  }
  return searchList(client, name, ctx, direct === undefined);
}

/** The kit from the org's list; `missing`: the org already said it has no such kit, so a failed list says so too. */
async function searchList(
  client: DataKitClient,
  name: string,
  ctx: LookupContext,
  missing: boolean
): Promise<{ kit: DataKitDetails; all: DataKitDetails[] }> {
  let all = await client.listKits().catch((e: Error) => {
    if (missing) return [];
    throw e;
  });
  let kit = all.find((k) => k.developerName === name);
  if (!kit && ctx.orgId && (await RecentKits.has(ctx.orgId, name))) {
    ctx.note?.(messages.getMessage('info.listLag', [name, listLagWaitMs() / 1000]));
    all = await listUntilShown(client, name, listLagWaitMs(), all);
    kit = all.find((k) => k.developerName === name);
  }
  if (!kit)
    throw kitNotFound(
      name,
      all.map((k) => k.developerName),
      ctx
    );
  return { kit, all };
}

/** The kit by name: one request where the org reads a kit on its own, the list otherwise. */
export async function findKit(client: DataKitClient, name: string, ctx: LookupContext): Promise<DataKitDetails> {
  const direct = await readByName(client, name);
  return direct ?? (await searchList(client, name, ctx, direct === undefined)).kit;
}

/**
 * After a create: waits (bounded) until the org lists the kit, so the next command finds it. True when it is
 * listed; false when the org still lags after `maxMs`.
 */
export async function waitUntilListed(client: DataKitClient, name: string, maxMs = 30_000): Promise<boolean> {
  return (await listUntilShown(client, name, maxMs)).some((k) => k.developerName === name);
}

/**
 * Lists the org's kits until `name` is among them or `maxMs` has passed, backing off from 250 ms to 4 s; the last
 * list. `listed` is a list just read, so the first look is not a second request at once.
 */
async function listUntilShown(
  client: DataKitClient,
  name: string,
  maxMs: number,
  listed?: DataKitDetails[]
): Promise<DataKitDetails[]> {
  const until = Date.now() + maxMs;
  let all = listed ?? (await client.listKits());
  for (let delay = 250; !all.some((k) => k.developerName === name); delay = Math.min(delay * 2, 4000)) {
    if (Date.now() + delay > until) break;
    await sleep(delay);
    all = await client.listKits();
  }
  return all;
}
