/*
 * Before a promotion: will each stream bundle find its connection in the target? Credentials never travel, so
 * the connection must already be there, under the name the deploy config sends. The connections API names
 * connector types its own way; bundles of other connectors (MORECONNECTORS, EXTERNAL) do not say which type
 * their connection has, so those are named for a check by hand.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { DataConnection } from '../api/types.js';
import { deployComponent, type ConfigOverrides, type DeployContext } from '../deploy/config.js';
import type { KitComponent } from '../kits/components.js';
import type { Finding } from '../shared/findings.js';
import { CONNECTION_LOOKUP } from '../verify/items.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');

export async function connectionFindings(
  client: DataKitClient,
  components: KitComponent[],
  ctx: DeployContext,
  where: string,
  overrides: ConfigOverrides = {}
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const byType = new Map<string, Promise<DataConnection[]>>();
  const listOf = (type: string): Promise<DataConnection[]> => {
    if (!byType.has(type)) byType.set(type, client.connections(type));
    return byType.get(type)!;
  };
  for (const c of components.filter((k) => k.type === 'DataStreamBundle')) {
    const config = deployComponent(c, ctx, overrides).config;
    const bundleConfig = (config.bundleConfig ?? {}) as Record<string, unknown>;
    const deployConnector = String(config.connectorType);
    const component = `${c.type}:${c.name}`;
    try {
      if (deployConnector === 'CRM') {
        const orgId = String(bundleConfig.orgId ?? '');
        const crm = await listOf('SalesforceDotCom');
        if (!crm.some((x) => (x.organizationId ?? '').slice(0, 15) === orgId.slice(0, 15)))
          findings.push({
            severity: 'error',
            check: 'connection',
            component,
            message: messages.getMessage('connection.crmMissing', [component, orgId, where]),
          });
        continue;
      }
      const askable = CONNECTION_LOOKUP[(c.connectorType ?? '').toUpperCase()] ?? CONNECTION_LOOKUP[deployConnector];
      const name = String(bundleConfig[askable?.key ?? 'connectionName'] ?? '');
      if (!askable) {
        findings.push({
          severity: 'warning',
          check: 'connection',
          component,
          message: messages.getMessage('connection.unchecked', [component, name, where]),
        });
        continue;
      }
      const present = await listOf(askable.type);
      if (present.some((x) => x.name === name)) continue;
      // a name the user gave (--config-file) is a fact; the default (the bundle's name) is only a guess
      const given = overrides[c.name] !== undefined;
      findings.push({
        severity: given ? 'error' : 'warning',
        check: 'connection',
        component,
        message: messages.getMessage(given ? 'connection.missing' : 'connection.missingDefault', [
          component,
          askable.type,
          name,
          where,
          present.length ? present.map((x) => x.name).join(', ') : messages.getMessage('connection.none'),
        ]),
      });
    } catch (e) {
      findings.push({
        severity: 'warning',
        check: 'connection',
        component,
        message: messages.getMessage('connection.unreadable', [where, (e as Error).message]),
      });
    }
  }
  return findings;
}
