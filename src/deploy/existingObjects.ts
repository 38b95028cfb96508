/*
 * A kit deploy never adopts a data lake object that already exists in the org and is linked to a data stream: the
 * job fails on it (F7, docs/api-notes.md §11). Before a deploy, the DLOs the kit has not deployed there yet are
 * looked up in the org, and each one a stream writes is named with what to do.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import { refKey } from '../kits/componentRef.js';
import type { KitComponent } from '../kits/components.js';
import { componentStatuses } from '../kits/status.js';
import type { Finding } from '../shared/findings.js';
import { mapInPool } from '../shared/pool.js';
import { dloApiName } from './config.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'plan');

/**
 * `notDeployed`: the kit's components the org does not have from this kit yet. An org whose Connect API cannot
 * answer these reads gives no finding (the deploy itself will say).
 */
export async function existingLakeObjects(client: DataKitClient, notDeployed: KitComponent[]): Promise<Finding[]> {
  const dlos = notDeployed.filter((c) => c.type === 'DataLakeObject' && !c.ambiguousShells);
  if (dlos.length === 0 || !client.supports('dataLakeObject')) return [];
  try {
    const exists = await mapInPool(dlos, (c) => client.dataLakeObjectExists(dloApiName(c)));
    const present = dlos.filter((_, i) => exists[i]);
    if (present.length === 0) return [];
    const streams = await client.streamTargets();
    return present.flatMap((c): Finding[] => {
      const stream = streams.find((s) => s.dlo === dloApiName(c))?.stream;
      if (!stream) return [];
      return [
        {
          severity: 'error',
          check: 'existingLakeObject',
          component: refKey(c),
          message: messages.getMessage('problem.existingLakeObject', [dloApiName(c), stream, stream]),
        },
      ];
    });
  } catch {
    return [];
  }
}

/** The same, for a kit whose statuses in the org are not read yet (a kit the org does not have: all of them). */
export async function lakeObjectsBlockingDeploy(
  client: DataKitClient,
  kit: string,
  components: KitComponent[]
): Promise<Finding[]> {
  const dlos = components.filter((c) => c.type === 'DataLakeObject');
  if (dlos.length === 0) return [];
  const statuses = await componentStatuses(client, kit, dlos).catch(() => dlos.map(() => ({ status: 'UNKNOWN' })));
  return existingLakeObjects(
    client,
    dlos.filter((_, i) => statuses[i].status !== 'ACTIVE')
  );
}
