/*
 * What does not travel with a kit: credentials. Connections arrive without them, so every data stream bundle,
 * data connection and activation target needs its connection re-authenticated in the target org, and data
 * spaces must already exist there.
 */
import { Messages } from '@salesforce/core';
import type { DataKitDeployComponent } from '../api/types.js';
import type { KitComponent } from './components.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'checklist');

export type ChecklistItem = { component: string; connectorType?: string; connection?: string; action: string };

/** Connector types with a Setup page of their own; any other connector is under Other Connectors. */
const CONNECTOR_PAGES = new Set([
  'CRM',
  'MORECONNECTORS',
  'S3',
  'EXTERNAL',
  'INGESTAPI',
  'STREAMINGAPP',
  'COMMERCE',
  'ACCOUNTENGAGEMENT',
  'MC',
]);

/** Components that arrive idle or incomplete although they need no credentials (docs/api-notes.md §7). */
const AFTER_DEPLOY = new Set(['DataTransform', 'DataModelObject', 'MarketSegment']);

const connectionOf = (config: Record<string, unknown> | undefined): string | undefined => {
  const inner = (config?.bundleConfig ?? config) as Record<string, unknown> | undefined;
  const name = inner?.connectionName ?? inner?.connectorName ?? inner?.name;
  return typeof name === 'string' ? name : undefined;
};

function streamBundleAction(connectorType: string | undefined, streams: string[] | undefined): string {
  const page = connectorType && CONNECTOR_PAGES.has(connectorType) ? connectorType : 'MORECONNECTORS';
  const refresh = streams?.length ? messages.getMessage('action.refreshStreams', [streams.join(', ')]) : '';
  return messages.getMessage('action.streamBundle', [messages.getMessage(`where.${page}`), refresh]);
}

/** `configs`: the deploy config of each component by name, which says the connection it uses in the target org. */
export function credentialChecklist(
  components: KitComponent[],
  configs: Map<string, DataKitDeployComponent> = new Map(),
  dataSpace?: string
): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const c of components) {
    const component = `${c.type}:${c.name}`;
    if (c.type === 'DataStreamBundle') {
      const connectorType = c.connectorType?.toUpperCase();
      items.push({
        component,
        connectorType,
        connection: connectionOf(configs.get(c.name)?.config),
        action: streamBundleAction(connectorType, c.streams),
      });
    } else if (c.type === 'DataConnection') {
      items.push({ component, connection: c.name, action: messages.getMessage('action.DataConnection') });
    } else if (c.type === 'ActivationTarget') {
      items.push({ component, action: messages.getMessage('action.ActivationTarget') });
    }
  }
  for (const c of components.filter((k) => AFTER_DEPLOY.has(k.type)))
    items.push({ component: `${c.type}:${c.name}`, action: messages.getMessage(`action.${c.type}`) });
  if (dataSpace && dataSpace !== 'default')
    items.push({ component: `DataSpace:${dataSpace}`, action: messages.getMessage('action.DataSpace', [dataSpace]) });
  return items;
}
