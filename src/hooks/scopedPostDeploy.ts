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

/** true, false, or the value that could not be read: the hook then unwraps nothing and says why. */
async function autoUnwrapEnabled(): Promise<boolean | string> {
  const env = process.env.SF_DATAKIT_AUTO_UNWRAP?.trim().toLowerCase();
  if (env) {
    if (['true', '1', 'yes', 'on'].includes(env)) return true;
    if (['false', '0', 'no', 'off'].includes(env)) return false;
    return process.env.SF_DATAKIT_AUTO_UNWRAP!;
  }
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
  const enabled = await autoUnwrapEnabled();
  if (typeof enabled === 'string') {
    // an unreadable switch is not a yes: changing an org needs a clear one
    await Lifecycle.getInstance().emitWarning(messages.getMessage('warning.unreadableSwitch', [enabled, kits.join(', ')]));
    return;
  }
  if (!enabled) {
    say(messages.getMessage('info.disabled', [kits.join(', ')]));
    return;
  }
  const { unwrapAfterDeploy } = await import('./afterDeploy.js');
  await unwrapAfterDeploy({ argv, orgId: result.orgId, kits, say, warn: (w) => Lifecycle.getInstance().emitWarning(w) });
};

export default hook;
