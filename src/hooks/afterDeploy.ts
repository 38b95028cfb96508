/*
 * The hook's work, kept out of the hook module so `sf` start-up only loads it when a kit was deployed: unwrap each
 * deployed kit (kits that others need first) through the same path as "sf datakit unwrap", print on stderr, then
 * set key-qualifier fields again once every kit is live. Never throws and never sets the exit code: the metadata
 * deploy succeeded, and an unwrap problem is a warning naming the kit and the command to run.
 */
import { Config, Lifecycle, Messages, type Org } from '@salesforce/core';
import { printable } from '../shared/safeText.js';
import configMeta, { AUTO_UNWRAP, VERIFY_AFTER_UNWRAP } from '../configMeta.js';
import { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { textTable } from '../output/textTable.js';
import { printVerification } from '../output/verifyReport.js';
import { hookWaitMinutes } from '../shared/env.js';
import { sleep } from '../shared/interrupt.js';
import { resumeCommand } from '../shared/nextCommands.js';
import type { JobUx } from '../shared/ux.js';
import { orderKitsByDependencies } from '../unwrap/kitOrder.js';
import { unwrapAndWatch } from '../unwrap/unwrapAndWatch.js';
import { lakeObjectsBlockingDeploy } from '../deploy/existingObjects.js';
import { kitComponents } from '../kits/components.js';
import { verifyKit } from '../verify/verifyKit.js';
import { openChange, type Change, type GateUi } from '../governance/gate.js';
import { restoreAfterUnwrap } from './restoreAfterUnwrap.js';
import { resolveOrgForDeploy } from './resolveOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'hooks');

export type AfterDeployOptions = {
  argv: string[];
  orgId: string;
  kits: string[];
  /** check each kit works once it is live (sf datakit verify) */
  verify?: boolean;
  say(line: string): void;
  warn(text: string): Promise<void>;
};

/** How the hook's changes are named in their release records (a command name, as sf spells commands). */
const HOOK_COMMAND = 'unwrap-after-deploy';

const say = (line: string): void => {
  process.stderr.write(`${printable(line)}\n`);
};
const warn = (text: string): Promise<void> => Lifecycle.getInstance().emitWarning(printable(text));

/** A switch from its environment variable, else its config variable (local, then global), else `fallback`: true,
 * false, or the value that could not be read. */
async function switchOf(env: string, key: string, fallback: boolean): Promise<boolean | string> {
  const fromEnv = process.env[env]?.trim().toLowerCase();
  if (fromEnv) {
    if (['true', '1', 'yes', 'on'].includes(fromEnv)) return true;
    if (['false', '0', 'no', 'off'].includes(fromEnv)) return false;
    return process.env[env]!;
  }
  // read the config files ourselves: touching the CLI's shared ConfigAggregator mid-deploy disturbs
  // what source tracking reads after this hook
  Config.addAllowedProperties(configMeta);
  const [local, global] = await Promise.all([
    Config.create({ isGlobal: false }).catch(() => undefined),
    Config.create({ isGlobal: true }).catch(() => undefined),
  ]);
  const value = local?.getContents()[key] ?? global?.getContents()[key];
  return value === undefined ? fallback : String(value) === 'true';
}

/** The hook's entry: the switches first, then the unwrap. */
export async function afterKitDeploy(opts: { argv: string[]; orgId: string; kits: string[] }): Promise<void> {
  const enabled = await switchOf('SF_DATAKIT_AUTO_UNWRAP', AUTO_UNWRAP, true);
  if (typeof enabled === 'string') {
    // an unreadable switch is not a yes: changing an org needs a clear one
    await warn(messages.getMessage('warning.unreadableSwitch', [enabled, opts.kits.join(', ')]));
    return;
  }
  if (!enabled) {
    say(messages.getMessage('info.disabled', [opts.kits.join(', ')]));
    return;
  }
  // verifying is read-only: a value that cannot be read leaves it off, with a warning
  const verify = await switchOf('SF_DATAKIT_VERIFY', VERIFY_AFTER_UNWRAP, false);
  if (typeof verify === 'string') await warn(messages.getMessage('warning.unreadableVerify', [verify]));
  await unwrapAfterDeploy({ ...opts, say, warn, verify: verify === true });
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
    table: (rows, columns, title): void => {
      if (title) prefixed(title);
      write(textTable(rows, columns));
    },
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
      allLive = (await unwrapOne(kit, org, orgName, opts)) && allLive;
    }
  } catch (e) {
    allLive = false;
    await failed(opts.kits.join(', '), (e as Error).message);
  }
  await restoreAfterUnwrap(orgName, allLive, {
    ...opts,
    change: (what) => hookChange(org, opts.kits[0] ?? 'Key_Qualifiers', what, opts.argv),
  });
}

/** Nobody to ask in a hook: a protected org needs SF_DATAKIT_REASON, as --no-prompt needs --reason. */
const HOOK_UI: GateUi = { canAsk: false, ask: () => Promise.reject(messages.createError('error.NoTerminal')) };

/** The gate, for the hook's changes: the same rules as a command's, recorded under the kit. */
export function hookChange(org: Org, kit: string, what: string, argv: string[]): Promise<Change> {
  return openChange(HOOK_UI, {
    org,
    label: org.getUsername() ?? org.getOrgId(),
    kit,
    what,
    command: HOOK_COMMAND,
    argv,
    noPrompt: true,
    reason: process.env.SF_DATAKIT_REASON,
  });
}

/** The kit's verification on stderr; an open item is a warning (the deploy still succeeded). */
async function verifyOne(
  client: DataKitClient,
  kit: DataKitDetails,
  org: Org,
  orgName: string,
  opts: AfterDeployOptions
): Promise<void> {
  try {
    const verification = await verifyKit(client, kit, org.getOrgId());
    printVerification(
      stderrUx((line) => opts.say(line)),
      verification,
      orgName
    );
    if (verification.open)
      await opts.warn(
        messages.getMessage('warning.notWorking', [kit.developerName, verification.open, kit.developerName, orgName])
      );
  } catch (e) {
    await opts.warn(
      messages.getMessage('warning.notVerified', [kit.developerName, (e as Error).message, kit.developerName, orgName])
    );
  }
}

/** true when the kit is live at the end */
async function unwrapOne(kit: DataKitDetails, org: Org, orgName: string, opts: AfterDeployOptions): Promise<boolean> {
  const name = kit.developerName;
  try {
    const change = await hookChange(org, name, messages.getMessage('what.unwrap', [name]), opts.argv);
    const client = change.writer;
    // a job that would fail on a DLO the org will not adopt (F7) is not started: what to do instead is said
    const blocking = await lakeObjectsBlockingDeploy(client, name, kitComponents(kit));
    if (blocking.length) {
      for (const f of blocking) await opts.warn(`${name}: ${f.message}`);
      await opts.warn(messages.getMessage('warning.unwrapBlocked', [name, name, orgName]));
      return false;
    }
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
    if (outcome.jobId)
      await change.release
        .finish({
          outcome: job?.outcome ?? 'InProgress',
          jobIds: [outcome.jobId],
          components: (job?.components ?? []).map((c) => ({ component: `${c.type}:${c.name}`, outcome: c.state })),
        })
        .catch(async (e: Error) => opts.warn(messages.getMessage('warning.noRecord', [name, e.message])));
    if (!job || job.outcome === 'Succeeded') {
      if (opts.verify) await verifyOne(client, kit, org, orgName, opts);
      return true;
    }
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
