/*
 * The per-type `config` a Connect deploy needs (docs/api-notes.md §4.3), built from the kit's components.
 * Org-specific values (which connection a bundle uses in the target org) come from --config-file overrides;
 * the defaults are the names the kit itself uses.
 */
import { Messages } from '@salesforce/core';
import type { DataKitDeployComponent } from '../api/types.js';
import { nameStem, type KitComponent } from '../kits/components.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'plan');

export type ConfigOverrides = Record<string, Record<string, unknown>>;
export type DeployContext = { kit: string; dataSpace: string; orgId: string };

/** A DLO's API name: from its shell where the org lists it under another name; a shell that cannot be told is named. */
export function dloApiName(c: KitComponent): string {
  if (c.ambiguousShells)
    throw messages.createError(
      'error.AmbiguousShell',
      [c.name, c.label ?? c.name, c.ambiguousShells.join(', ')],
      [c.name]
    );
  if (c.apiName) return c.apiName;
  return c.name.endsWith('__dll') ? c.name : `${nameStem(c.name)}__dll`;
}

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
    case 'DataLakeObject': {
      // the body seen working on real orgs names the object by its API name twice (F2, docs/api-notes.md §11)
      const apiName = dloApiName(c);
      return { dataSourceObjectDevName: apiName, apiName, label, dataSpaceName: ctx.dataSpace };
    }
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
  const given = overrides[c.name];
  // an API name given in the config file settles a DLO whose shell the org's list leaves open
  const settled =
    c.ambiguousShells && typeof given?.apiName === 'string'
      ? { ...c, ambiguousShells: undefined, apiName: given.apiName }
      : c;
  return { type: c.type, config: { ...baseConfig(settled, ctx), ...given } };
}
