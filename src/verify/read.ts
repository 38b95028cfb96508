/*
 * Each item's real state, read from the org: a live resource's last run (or publish), a connection's status and
 * a test of its credentials where the API offers one, an activation target's status. Streams are read before
 * connections: a stream names the connection it reads through better than the deploy config can.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { DataConnection, LiveResource } from '../api/types.js';
import { mapInPool } from '../shared/pool.js';
import { authenticated, phaseOf } from './phase.js';
import type { VerifyItem } from './items.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'verify');

/** done: works; running: a run is going; open: something to do (the next step says what); failed: its last run failed */
export type ItemState = 'done' | 'running' | 'open' | 'failed';

export type VerifiedItem = VerifyItem & {
  state: ItemState;
  /** what the org says, in a few words */
  detail: string;
  /** what to do about it, when not done */
  next?: string;
  lastRunAt?: string;
  count?: number;
  /** the resource's id in the org (segments and activations are started by it) */
  id?: string;
  /** the org does not have the resource */
  absent?: boolean;
  /** a stream: how it refreshes (a CRM stream runs through the API only as FULL_REFRESH, G3) */
  refreshMode?: string;
  /** a transform: its definitions (a run names one when there are several, G4) */
  definitions?: string[];
};

/** The connector type of CRM streams and connections (the connections API's word). */
export const CRM_CONNECTOR = 'SalesforceDotCom';

/** A CRM stream the API cannot refresh: only a FULL_REFRESH one runs, interactively (G3); the others are refreshed in Setup. */
export const refreshedInSetup = (item: Pick<VerifiedItem, 'kind' | 'connectorType' | 'refreshMode'>): boolean =>
  item.kind === 'stream' && item.connectorType === CRM_CONNECTOR && item.refreshMode !== 'FULL_REFRESH';

const NEXT_BY_KIND: Record<string, string> = {
  stream: 'next.refresh',
  transform: 'next.run',
  insight: 'next.run',
  identityResolution: 'next.run',
  segment: 'next.publish',
  activation: 'next.publish',
};

/** kinds whose last run leaves a number worth showing: records, members, unified profiles */
const COUNTED = new Set(['stream', 'segment', 'identityResolution']);

/** The org does not have it: the kit is not deployed there (or the resource was deleted). */
const missing = (item: VerifyItem, kit: string): VerifiedItem => ({
  ...item,
  absent: true,
  state: 'open',
  detail: messages.getMessage(item.deployed ? 'detail.notFound' : 'detail.notDeployed'),
  next: messages.getMessage('next.deploy', [kit]),
});

/** A live resource's state from its last run. */
export function stateOfRun(item: VerifyItem, r: LiveResource | undefined, kit: string): VerifiedItem {
  if (!r) return missing(item, kit);
  const facts = {
    ...(r.lastRunAt ? { lastRunAt: r.lastRunAt } : {}),
    ...(r.count !== undefined ? { count: r.count } : {}),
    ...(r.id ? { id: r.id } : {}),
    ...(item.kind === 'stream' && r.connectorType ? { connectorType: r.connectorType } : {}),
    ...(r.refreshMode ? { refreshMode: r.refreshMode } : {}),
    ...(r.definitions ? { definitions: r.definitions } : {}),
  };
  const next = (): string =>
    refreshedInSetup({ kind: item.kind, ...facts })
      ? messages.getMessage('next.refreshInSetup', [item.name])
      : messages.getMessage(NEXT_BY_KIND[item.kind]);
  const word = r.lastRun ?? '';
  switch (phaseOf(r.lastRun)) {
    case 'succeeded': {
      const counted = r.count !== undefined && COUNTED.has(item.kind);
      const detail = messages.getMessage('detail.succeeded', [word, r.lastRunAt ?? '?']);
      return {
        ...item,
        ...facts,
        state: 'done',
        detail: counted ? `${detail}, ${messages.getMessage(`count.${item.kind}`, [r.count])}` : detail,
      };
    }
    case 'running':
      return { ...item, ...facts, state: 'running', detail: messages.getMessage('detail.running', [word]) };
    case 'failed':
      return {
        ...item,
        ...facts,
        state: 'failed',
        detail: messages.getMessage('detail.failed', [word, r.error ?? messages.getMessage('detail.noError')]),
        next: next(),
      };
    case 'never':
      return {
        ...item,
        ...facts,
        state: 'open',
        detail: messages.getMessage(`detail.never.${item.kind}`),
        next: next(),
      };
    default:
      return {
        ...item,
        ...facts,
        state: 'open',
        detail: messages.getMessage('detail.unknownWord', [word]),
        next: messages.getMessage('next.byHand'),
      };
  }
}

/**
 * A transform whose run succeeded is done only when it wrote rows: a run on empty input ends Success with 0 rows, or
 * SkippedNoChanges after one (G4). Its run history says; a history that cannot be read leaves the state as it is.
 */
export async function withRowsOf(client: DataKitClient, item: VerifiedItem): Promise<VerifiedItem> {
  if (item.kind !== 'transform' || item.state !== 'done') return item;
  const run = await client.transformRun(item.name).catch(() => undefined);
  if (!run) return item;
  // a skipped run with no run before it that says how many rows it wrote has written none that anyone saw
  const skippedOnly = /skipped/i.test(run.status ?? '') && run.rows === undefined;
  if (run.rows !== 0 && !skippedOnly) return item;
  return {
    ...item,
    state: 'open',
    detail: messages.getMessage('detail.noRows', [run.status ?? '?']),
    next: messages.getMessage('next.fullRun', [item.name]),
  };
}

type Context = { client: DataKitClient; kit: string; streams: Map<string, LiveResource | undefined> };

const found = (c: DataConnection, item: VerifyItem): boolean =>
  item.crmOrgId ? (c.organizationId ?? '').slice(0, 15) === item.crmOrgId.slice(0, 15) : c.name === item.name;

/** A connection: found by the type and name its streams report (else the deploy config's), then tested. */
async function connectionState(item: VerifyItem, ctx: Context): Promise<VerifiedItem> {
  const reported = (item.streams ?? []).map((s) => ctx.streams.get(s)).find((s) => s?.connectorType);
  const type = reported?.connectorType ?? item.connectorType;
  const named: VerifyItem = reported?.connectionName
    ? { ...item, name: reported.connectionName, crmOrgId: type === 'SalesforceDotCom' ? item.crmOrgId : undefined }
    : item;
  if (!type)
    return {
      ...named,
      state: 'open',
      detail: messages.getMessage('detail.connectionUnknownType'),
      next: messages.getMessage('next.connectionByHand', [named.name]),
    };
  const connection = (await ctx.client.connections(type, named.crmOrgId ? undefined : named.name)).find((c) =>
    found(c, named)
  );
  if (!connection)
    return {
      ...named,
      state: 'open',
      detail: messages.getMessage('detail.connectionMissing', [type, named.name]),
      next: messages.getMessage('next.connectionCreate', [named.name]),
    };
  const shown = { ...named, name: connection.name, ...(connection.id ? { id: connection.id } : {}) };
  if (authenticated(connection.status) === false)
    return {
      ...shown,
      state: 'open',
      detail: messages.getMessage('detail.connectionStatus', [connection.status ?? '?']),
      next: messages.getMessage('next.credentials', [connection.name]),
    };
  if (!connection.id)
    return {
      ...shown,
      state: 'done',
      detail: messages.getMessage('detail.connectionStatus', [connection.status ?? '?']),
    };
  const test = await ctx.client.testConnection(connection.id);
  // the org offers no test for this connector (G5): its status is all there is, never a failed test
  if (test.unsupported)
    return {
      ...shown,
      state: 'done',
      detail: messages.getMessage('detail.connectionNotTestable', [connection.status ?? '?', type]),
    };
  return test.started
    ? { ...shown, state: 'done', detail: messages.getMessage('detail.connectionTested', [connection.status ?? '?']) }
    : {
        ...shown,
        state: 'open',
        detail: messages.getMessage('detail.connectionTestFailed', [
          test.error ?? messages.getMessage('detail.noError'),
        ]),
        next: messages.getMessage('next.credentials', [connection.name]),
      };
}

/** Every item's state, in the items' order. */
export async function readStates(client: DataKitClient, kit: string, items: VerifyItem[]): Promise<VerifiedItem[]> {
  const ctx: Context = { client, kit, streams: new Map() };
  // every item is read, ACTIVE or not: in the org a kit was authored in, its components live without a deploy
  const streamItems = items.filter((i) => i.kind === 'stream');
  await mapInPool(streamItems, async (s) => ctx.streams.set(s.name, await client.liveResource('stream', s.name)));
  let targets: Promise<LiveResource[]> | undefined;
  return mapInPool(items, async (item): Promise<VerifiedItem> => {
    switch (item.kind) {
      case 'connection':
        return connectionState(item, ctx);
      case 'activationTarget': {
        targets ??= client.activationTargets();
        const t = (await targets).find((x) => x.name === item.name);
        if (!t) return missing(item, kit);
        const ok = authenticated(t.status);
        return ok
          ? { ...item, state: 'done', detail: messages.getMessage('detail.targetStatus', [t.status ?? '?']) }
          : {
              ...item,
              state: 'open',
              detail: messages.getMessage('detail.targetStatus', [t.status ?? '?']),
              next: messages.getMessage('next.targetCredentials', [item.name]),
            };
      }
      case 'stream':
        return stateOfRun(item, ctx.streams.get(item.name), kit);
      case 'transform':
        return withRowsOf(client, stateOfRun(item, await client.liveResource(item.kind, item.name), kit));
      default:
        return stateOfRun(item, await client.liveResource(item.kind, item.name), kit);
    }
  });
}
