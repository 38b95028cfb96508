/*
 * After `sf project deploy start` (source format, not a dry run) deployed DataPackageKitDefinition metadata,
 * unwrap each deployed kit in that org. Reports on stderr and through warnings, never stdout (so --json stays
 * valid), and never fails the metadata deploy: an unwrap problem becomes a warning with the exact command to
 * run. Fires through sf-plugins-core's bridge from SDR's `scopedPostDeploy` lifecycle event.
 */
import type { Command, Hook, Interfaces } from '@oclif/core';
import { Config, Lifecycle, Messages } from '@salesforce/core';
import type { ScopedPostDeploy } from '@salesforce/source-deploy-retrieve';
import { handledDeploys as handled } from '../shared/handledDeploys.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'hooks');

type DatakitHooks = Interfaces.Hooks & {
  scopedPostDeploy: {
    options: { Command: Command.Class; argv: string[]; commandId: string; result: ScopedPostDeploy };
    return: void;
  };
};

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function autoUnwrapEnabled(): Promise<boolean> {
  const env = process.env.SF_DATAKIT_AUTO_UNWRAP;
  if (env !== undefined) return env.toLowerCase() !== 'false';
  // read the config files ourselves: touching the CLI's shared ConfigAggregator mid-deploy disturbs
  // what source tracking reads after this hook
  const { default: configMeta, AUTO_UNWRAP } = await import('../configMeta.js');
  Config.addAllowedProperties(configMeta);
  const [local, global] = await Promise.all([
    Config.create({ isGlobal: false }).catch(() => undefined),
    Config.create({ isGlobal: true }).catch(() => undefined),
  ]);
  const value = local?.getContents()[AUTO_UNWRAP] ?? global?.getContents()[AUTO_UNWRAP];
  return String(value ?? 'true') !== 'false';
}

/** Names of the DataPackageKitDefinitions a deploy created or changed. */
export function deployedKits(result: ScopedPostDeploy): string[] {
  const details = result.deployResult.response.details;
  const successes = [details?.componentSuccesses ?? []].flat();
  return [
    ...new Set(
      successes.filter((m) => m.componentType === 'DataPackageKitDefinition' && String(m.deleted) !== 'true').map((m) => m.fullName)
    ),
  ];
}

const hook: Hook<'scopedPostDeploy', DatakitHooks> = async function ({ argv, result }) {
  const response = result.deployResult.response;
  if (String(response.checkOnly) === 'true') return;
  if (response.status !== 'Succeeded' && response.status !== 'SucceededPartial') return;
  const kits = deployedKits(result);
  if (kits.length === 0 || handled.has(response.id)) return;
  handled.add(response.id);
  if (!(await autoUnwrapEnabled())) {
    say(messages.getMessage('info.disabled', [kits.join(', ')]));
    return;
  }
  const { unwrapAfterDeploy } = await import('./afterDeploy.js');
  await unwrapAfterDeploy({ argv, orgId: result.orgId, kits, say, warn: (w) => Lifecycle.getInstance().emitWarning(w) });
};

export default hook;
