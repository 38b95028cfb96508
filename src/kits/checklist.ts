/*
 * What does not travel with a kit: credentials. Connections arrive without them, so every data stream bundle,
 * data connection and activation target needs its connection re-authenticated in the target org, and data
 * spaces must already exist there.
 */
import type { DataKitDeployComponent } from '../api/types.js';
import type { KitComponent } from './components.js';

export type ChecklistItem = { component: string; connectorType?: string; connection?: string; action: string };

const WHERE: Record<string, string> = {
  CRM: 'Data Cloud Setup > Salesforce CRM: re-authenticate the CRM connection (a refreshed sandbox also has a new org id)',
  MORECONNECTORS:
    'Data Cloud Setup > Other Connectors: enter the connection credentials again (keys, secrets, passwords)',
  S3: 'Data Cloud Setup > Other Connectors: enter the AWS access key and secret again',
  EXTERNAL: 'Data Cloud Setup > Other Connectors: enter the external platform credentials again',
  INGESTAPI:
    'Data Cloud Setup > Ingestion API: check the connector, and give the connected app that sends data access in this org',
  STREAMINGAPP:
    'Data Cloud Setup > Websites & Mobile Apps: check the app connector and update the tenant key in your SDK configuration',
  COMMERCE: 'Data Cloud Setup > B2C Commerce: re-authenticate the Commerce instance',
  ACCOUNTENGAGEMENT: 'Data Cloud Setup > Marketing Cloud Account Engagement: re-authenticate the business unit',
  MC: 'Data Cloud Setup > Marketing Cloud: re-authenticate the Marketing Cloud Engagement connection',
};

const connectionOf = (config: Record<string, unknown> | undefined): string | undefined => {
  const inner = (config?.bundleConfig ?? config) as Record<string, unknown> | undefined;
  const name = inner?.connectionName ?? inner?.connectorName ?? inner?.name;
  return typeof name === 'string' ? name : undefined;
};

/** `configs`: the deploy config of each component by name, which says the connection it uses in the target org. */
export function credentialChecklist(
  components: KitComponent[],
  configs: Map<string, DataKitDeployComponent> = new Map(),
  dataSpace?: string
): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const c of components) {
    const config = configs.get(c.name)?.config;
    const connectorType = c.connectorType?.toUpperCase();
    if (c.type === 'DataStreamBundle') {
      const streams = c.streams?.length ? `; then refresh its streams (${c.streams.join(', ')})` : '';
      items.push({
        component: `${c.type}:${c.name}`,
        connectorType,
        connection: connectionOf(config),
        action: `${WHERE[connectorType ?? 'MORECONNECTORS'] ?? WHERE.MORECONNECTORS}${streams}.`,
      });
    } else if (c.type === 'DataConnection') {
      items.push({
        component: `${c.type}:${c.name}`,
        connection: c.name,
        action: "Data Cloud Setup > Other Connectors: enter this connection's credentials again.",
      });
    } else if (c.type === 'ActivationTarget') {
      items.push({
        component: `${c.type}:${c.name}`,
        action:
          'Data Cloud > Activation Targets: re-authenticate the target platform and check its status is Active before activations publish.',
      });
    }
  }
  for (const c of components) {
    // what else does not travel with metadata (data-kit-api.md section 7)
    if (c.type === 'DataTransform') {
      items.push({
        component: `${c.type}:${c.name}`,
        action:
          'Batch transforms deploy idle: run it once (Run Now) after its source DLOs have data; a run with no changes reports SKIPPED_NO_CHANGES.',
      });
    } else if (c.type === 'DataModelObject') {
      items.push({
        component: `${c.type}:${c.name}`,
        action:
          'Check its mappings and relationships in the target org: relationships need a FieldSrcTrgtRelationship that kit manifests leave out, and KQ_ key-qualifier fields removed before a metadata deploy must be set again.',
      });
    } else if (c.type === 'MarketSegment') {
      items.push({
        component: `${c.type}:${c.name}`,
        action:
          'Publish the segment (or check its schedule) once its data is in: segments deploy without a population.',
      });
    }
  }
  if (dataSpace && dataSpace !== 'default') {
    items.push({
      component: `DataSpace:${dataSpace}`,
      action: `Data spaces do not travel with kits: data space "${dataSpace}" must exist in the target org, with the same name.`,
    });
  }
  return items;
}
