/*
 * The hook's work, kept out of the hook module so `sf` start-up only loads it when a kit was deployed: unwrap each
 * deployed kit (kits that others need first) through the same path as "sf datakit unwrap", print on stderr, then
 * set key-qualifier fields again once every kit is live. Never throws and never sets the exit code: the metadata
 * deploy succeeded, and an unwrap problem is a warning naming the kit and the command to run.
 */
import { Config, Lifecycle, Messages, type Org } from '@salesforce/core';
import configMeta, { AUTO_UNWRAP } from '../configMeta.js';
import { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { textTable } from '../output/textTable.js';
import { hookWaitMinutes } from '../shared/env.js';
import { sleep } from '../shared/interrupt.js';
import { resumeCommand } from '../shared/nextCommands.js';
import type { JobUx } from '../shared/ux.js';
import { orderKitsByDependencies } from '../unwrap/kitOrder.js';
import { unwrapAndWatch } from '../unwrap/unwrapAndWatch.js';
import { restoreAfterUnwrap } from './restoreAfterUnwrap.js';
import { resolveOrgForDeploy } from './resolveOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'hooks');

export type AfterDeployOptions = {
  argv: string[];
  orgId: string;
  kits: string[];
  say(line: string): void;
  warn(text: string): Promise<void>;
};

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const warn = (text: string): Promise<void> => Lifecycle.getInstance().emitWarning(text);

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
  Config.addAllowedProperties(configMeta);
  const [local, global] = await Promise.all([
    Config.create({ isGlobal: false }).catch(() => undefined),
    Config.create({ isGlobal: true }).catch(() => undefined),
  ]);
  const value = local?.getContents()[AUTO_UNWRAP] ?? global?.getContents()[AUTO_UNWRAP];
  return String(value ?? 'true') !== 'false';
}

/** The hook's entry: the switches first, then the unwrap. */
export async function afterKitDeploy(opts: { argv: string[]; orgId: string; kits: string[] }): Promise<void> {
  const enabled = await autoUnwrapEnabled();
  if (typeof enabled === 'string') {
    // an unreadable switch is not a yes: changing an org needs a clear one
    await warn(messages.getMessage('warning.unreadableSwitch', [enabled, opts.kits.join(', ')]));
    return;
  }
  if (!enabled) {
    say(messages.getMessage('info.disabled', [opts.kits.join(', ')]));
    return;
  }
  await unwrapAfterDeploy({ ...opts, say, warn });
}

/** A kit just deployed may be missing from the org's list for a few seconds (list lag): look once more. */
const LIST_LAG_RETRY_MS = 3000;

function stderrUx(write: (line: string) => void): JobUx {
  const prefixed = (t: string): void => write(`datakit: ${t}`);
  return {
    log: prefixed,
    info: prefixed,
    success: prefixed,
    warn: prefixed,
    table: (rows, columns) => write(textTable(rows, columns)),
  };
}

async function findDeployedKits(
  client: DataKitClient,
  names: string[]
): Promise<{ found: DataKitDetails[]; missing: string[] }> {
  let listed = await client.listKits();
  if (names.some((n) => !listed.some((k) => k.developerName === n))) {
    await sleep(LIST_LAG_RETRY_MS);
    listed = await client.listKits();
  }
  const found = names
    .map((n) => listed.find((k) => k.developerName === n))
    .filter((k): k is DataKitDetails => k !== undefined);
  return { found, missing: names.filter((n) => !found.some((k) => k.developerName === n)) };
}

export async function unwrapAfterDeploy(opts: AfterDeployOptions): Promise<void> {
  let org: Org;
  try {
    org = await resolveOrgForDeploy(opts.argv, opts.orgId);
  } catch (e) {
    for (const kit of opts.kits)
      await opts.warn(messages.getMessage('warning.unwrapFailed', [kit, (e as Error).message, kit, opts.orgId]));
    return;
  }
  const orgName = org.getUsername() ?? opts.orgId;
  const failed = async (kit: string, reason: string): Promise<void> =>
    opts.warn(messages.getMessage('warning.unwrapFailed', [kit, reason, kit, orgName]));
  let allLive = true;
  try {
    const client = DataKitClient.forOrg(org);
    const { found, missing } = await findDeployedKits(client, opts.kits);
    for (const kit of missing) {
      allLive = false;
      await failed(kit, messages.getMessage('reason.notListed'));
    }
    for (const kit of await orderKitsByDependencies(client, found)) {
      allLive = (await unwrapOne(client, kit, org, orgName, opts)) && allLive;
    }
  } catch (e) {
    allLive = false;
    await failed(opts.kits.join(', '), (e as Error).message);
  }
  await restoreAfterUnwrap(org, orgName, allLive, opts);
}

/** true when the kit is live at the end */
async function unwrapOne(
  client: DataKitClient,
  kit: DataKitDetails,
  org: Org,
  orgName: string,
  opts: AfterDeployOptions
): Promise<boolean> {
  const name = kit.developerName;
  try {
    const outcome = await unwrapAndWatch({
      client,
      kit,
      orgId: org.getOrgId(),
      orgName,
      ux: stderrUx((line) => opts.say(line)),
      progress: 'lines',
      progressWrite: (line) => opts.say(`datakit: ${line}`),
      waitMinutes: hookWaitMinutes(),
      setExitCode: false,
    });
    const job = outcome.job;
    if (!job || job.outcome === 'Succeeded') return true;
    if (job.outcome === 'InProgress') {
      await opts.warn(
        messages.getMessage('warning.stillRunning', [name, job.jobId, resumeCommand(job.jobId, orgName)])
      );
      return false;
    }
    const reasons = job.components
      .filter((c) => c.state === 'Failed')
      .map((c) => `${c.type}:${c.name} (${c.error ?? c.componentStatus ?? 'ERROR'})`);
    await opts.warn(
      messages.getMessage('warning.unwrapFailed', [
        name,
        [...reasons, ...(job.jobError ? [job.jobError] : [])].join('; ') || job.jobStatus,
        name,
        orgName,
      ])
    );
    return false;
  } catch (e) {
    await opts.warn(messages.getMessage('warning.unwrapFailed', [name, (e as Error).message, name, orgName]));
    return false;
  }
}
