/*
 * What to verify in a kit: the checklist as resources the org can be asked about. Each stream bundle is its
 * connection and its data streams; transforms, insights, segments, activations, their targets and identity
 * resolution rulesets are one resource each. Components that only hold structure (DLOs, DMOs) have no run of
 * their own and are left to the checklist.
 */
import type { LiveKind } from '../api/types.js';
import { deployComponent, type ConfigOverrides, type DeployContext } from '../deploy/config.js';
import type { KitComponent } from '../kits/components.js';

export type VerifyKind = LiveKind | 'connection' | 'activationTarget';

export type VerifyItem = {
  /** the kit component it comes from, TYPE:NAME */
  component: string;
  kind: VerifyKind;
  /** the resource's name in the org: a stream's developer name, an insight's API name, a connection's name */
  name: string;
  /** the kit component is ACTIVE in the org */
  deployed: boolean;
  /** a connection's connector type as the connections API names it (the deploy config's, else what its streams
   * report); a stream's, as the org reports it */
  connectorType?: string;
  /** a CRM connection is the one to this org id */
  crmOrgId?: string;
  /** a connection: the streams that read through it (they name it best) */
  streams?: string[];
};

const KIND_OF: Record<string, VerifyKind> = {
  DataTransform: 'transform',
  CalculatedInsight: 'insight',
  IdentityResolution: 'identityResolution',
  MarketSegment: 'segment',
  MarketSegmentActivation: 'activation',
  ActivationTarget: 'activationTarget',
  DataConnection: 'connection',
};

/** The deploy config's connector → the connections API's connector type, and the config key naming it. */
export const CONNECTION_LOOKUP: Record<string, { type: string; key: string }> = {
  INGESTAPI: { type: 'IngestApi', key: 'connectorName' },
  STREAMINGAPP: { type: 'StreamingApp', key: 'connectorName' },
  S3: { type: 'S3', key: 'connectionName' },
};

/** A bundle's connection as its deploy config names it. */
function bundleConnection(c: KitComponent, ctx: DeployContext, overrides: ConfigOverrides): Partial<VerifyItem> {
  const config = deployComponent(c, ctx, overrides).config;
  const bundleConfig = (config.bundleConfig ?? {}) as Record<string, unknown>;
  if (String(config.connectorType) === 'CRM')
    return { connectorType: 'SalesforceDotCom', crmOrgId: String(bundleConfig.orgId ?? ctx.orgId) };
  const lookup =
    CONNECTION_LOOKUP[(c.connectorType ?? '').toUpperCase()] ?? CONNECTION_LOOKUP[String(config.connectorType)];
  const named = bundleConfig[lookup?.key ?? 'connectionName'] ?? bundleConfig.connectorName;
  return {
    name: typeof named === 'string' && named ? named : c.name,
    ...(lookup ? { connectorType: lookup.type } : {}),
  };
}

/** `active`: the names of the kit's components that are ACTIVE in the org. */
export function verifyItems(
  components: KitComponent[],
  active: Set<string>,
  ctx: DeployContext,
  overrides: ConfigOverrides = {}
): VerifyItem[] {
  const items: VerifyItem[] = [];
  for (const c of components) {
    const component = `${c.type}:${c.name}`;
    const deployed = active.has(c.name);
    if (c.type === 'DataStreamBundle') {
      const streams = c.streams ?? [];
      const connection = bundleConnection(c, ctx, overrides);
      items.push({ component, kind: 'connection', deployed, name: c.name, ...connection, streams });
      for (const stream of streams) items.push({ component, kind: 'stream', name: stream, deployed });
      continue;
    }
    const kind = KIND_OF[c.type];
    if (kind) items.push({ component, kind, name: c.name, deployed });
  }
  return items;
}
