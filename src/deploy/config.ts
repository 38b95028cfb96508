/*
 * The per-type `config` a Connect deploy needs (docs/api-notes.md §4.3), built from the kit's components.
 * Org-specific values (which connection a bundle uses in the target org) come from --config-file overrides;
 * the defaults are the names the kit itself uses.
 */
import type { DataKitDeployComponent } from '../api/types.js';
import type { KitComponent } from '../kits/components.js';

export type ConfigOverrides = Record<string, Record<string, unknown>>;
export type DeployContext = { kit: string; dataSpace: string; orgId: string };

const stripSuffix = (name: string): string => name.replace(/__(dll|dlm|cio)$/, '');

/** Connector spellings the deploy endpoint accepts (uppercase, as the official examples send). */
function connectorOf(c: KitComponent): string {
  const raw = (c.connectorType ?? 'MORECONNECTORS').toUpperCase();
  return raw === 'S3' ? 'MORECONNECTORS' : raw;
}

function bundleConfig(c: KitComponent, ctx: DeployContext): Record<string, unknown> {
  switch (connectorOf(c)) {
    case 'CRM':
      // the 15-character org id: an 18-character one fails with "No CRM Connection exists" (docs/api-notes.md Q6)
      return { orgId: ctx.orgId.slice(0, 15) };
    case 'INGESTAPI':
    case 'STREAMINGAPP':
      return { connectorName: c.name };
    case 'COMMERCE':
      return { instanceId: c.name };
    default:
      return { connectionName: c.name };
  }
}

function baseConfig(c: KitComponent, ctx: DeployContext): Record<string, unknown> {
  const label = c.label ?? c.name;
  switch (c.type) {
    case 'DataStreamBundle':
      return { bundleName: c.name, connectorType: connectorOf(c), bundleConfig: bundleConfig(c, ctx) };
    case 'DataLakeObject':
      return { dataSourceObjectDevName: c.name, apiName: stripSuffix(c.name), label, dataSpaceName: ctx.dataSpace };
    case 'CalculatedInsight':
      return { apiName: c.name, label, publishInterval: 'NotScheduled' };
    case 'DataTransform':
      return {
        dataTransformDevName: c.name,
        dataTransformType: 'BATCH',
        apiName: c.name,
        label,
        dataSpaceName: ctx.dataSpace,
      };
    case 'IdentityResolution':
      return { dataKitDevName: ctx.kit, identityResolutionDevName: c.name, label, dataSpaceName: ctx.dataSpace };
    case 'MarketSegment':
      return { name: c.name, label, dataKitName: ctx.kit, dataSpaceName: ctx.dataSpace };
    case 'MarketSegmentActivation':
      return { componentName: c.name, dataKitName: ctx.kit, targetDisplayName: label };
    case 'ActivationTarget':
      return { componentName: c.name, targetDisplayName: label };
    default:
      return { templateName: c.name, name: c.name, label, dataSpaceName: ctx.dataSpace };
  }
}

/** Types the deploy enum leaves out: data model objects travel with their mappings in the metadata. */
export const isDeployable = (type: string): boolean => type !== 'DataModelObject';

export function deployComponent(
  c: KitComponent,
  ctx: DeployContext,
  overrides: ConfigOverrides = {}
): DataKitDeployComponent {
  return { type: c.type, config: { ...baseConfig(c, ctx), ...overrides[c.name] } };
}
