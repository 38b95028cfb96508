/*
 * After `sf project deploy start` (source format, not a dry run) deployed DataPackageKitDefinition metadata,
 * unwrap each deployed kit in that org. Fires through sf-plugins-core's bridge from SDR's `scopedPostDeploy`
 * lifecycle event, for every source deploy: this module imports nothing at run time, and the work (with its
 * libraries) loads only when a kit was deployed. It reports on stderr and through warnings, never stdout (so
 * --json stays valid), and never fails the metadata deploy.
 */
import type { Command, Hook, Interfaces } from '@oclif/core';
import type { ScopedPostDeploy } from '@salesforce/source-deploy-retrieve';
import { handledDeploys as handled } from '../shared/handledDeploys.js';

type DatakitHooks = Interfaces.Hooks & {
  scopedPostDeploy: {
    options: { Command: Command.Class; argv: string[]; commandId: string; result: ScopedPostDeploy };
    return: void;
  };
};

/** Names of the DataPackageKitDefinitions a deploy created or changed. */
export function deployedKits(result: ScopedPostDeploy): string[] {
  const details = result.deployResult.response.details;
  const successes = [details?.componentSuccesses ?? []].flat();
  return [
    ...new Set(
      successes
        .filter((m) => m.componentType === 'DataPackageKitDefinition' && String(m.deleted) !== 'true')
        .map((m) => m.fullName)
    ),
  ];
}

const hook: Hook<'scopedPostDeploy', DatakitHooks> = async function ({ argv, result }) {
  const response = result.deployResult.response;
  if (String(response.checkOnly) === 'true') return;
  if (!['Succeeded', 'SucceededPartial'].includes(String(response.status))) return;
  const kits = deployedKits(result);
  if (kits.length === 0 || handled.has(response.id)) return;
  handled.add(response.id);
  const { afterKitDeploy } = await import('./afterDeploy.js');
  await afterKitDeploy({ argv, orgId: result.orgId, kits });
};

export default hook;
