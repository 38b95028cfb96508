/*
 * The hook's work, kept out of the hook module so `sf` start-up only loads it when a kit was deployed.
 */
import { rm } from 'node:fs/promises';
import { Messages, type Org } from '@salesforce/core';
import { DataKitClient } from '../api/client.js';
import { EXIT_BY_OUTCOME } from '../deploy/outcome.js';
import { cacheJob, resumeCommand } from '../deploy/runJob.js';
import { watchJob } from '../deploy/watcher.js';
import { resolveOrgForDeploy } from '../hooks/resolveOrg.js';
import { formatChecklist } from '../output/checklist.js';
import { restoreKeyQualifiers } from '../metadata/restoreKeyQualifiers.js';
import { DEFAULT_RESTORE_FILE, readRestoreFile } from '../source/clean.js';
import { startUnwrap } from './unwrap.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'hooks');

export type AfterDeployOptions = { argv: string[]; orgId: string; kits: string[]; say(line: string): void; warn(text: string): Promise<void> };

/** Minutes the hook waits for each unwrap; SF_DATAKIT_UNWRAP_WAIT overrides. */
const waitMinutes = (): number => Number(process.env.SF_DATAKIT_UNWRAP_WAIT ?? 10);

export async function unwrapAfterDeploy(opts: AfterDeployOptions): Promise<void> {
  let orgName = opts.orgId;
  let client: DataKitClient;
  let orgId: string;
  let org: Org;
  try {
    org = await resolveOrgForDeploy(opts.argv, opts.orgId);
    orgName = org.getUsername() ?? opts.orgId;
    orgId = org.getOrgId();
    client = DataKitClient.forOrg(org);
  } catch (e) {
    for (const kit of opts.kits) await opts.warn(messages.getMessage('warning.unwrapFailed', [kit, (e as Error).message, kit, orgName]));
    return;
  }
  let allLive = true;
  for (const kit of opts.kits) {
    try {
      // eslint-disable-next-line no-await-in-loop -- kits unwrap one after another, like the UI
      allLive = (await unwrapOne(client, kit, orgId, orgName, opts)) && allLive;
    } catch (e) {
      allLive = false;
      // eslint-disable-next-line no-await-in-loop
      await opts.warn(messages.getMessage('warning.unwrapFailed', [kit, (e as Error).message, kit, orgName]));
    }
  }
  if (allLive) await restoreAfterUnwrap(org, orgName, opts);
}

/** Key-qualifier fields that "sf datakit clean" kept aside go back once the kits are live. */
async function restoreAfterUnwrap(org: Org, orgName: string, opts: AfterDeployOptions): Promise<void> {
  const restore = await readRestoreFile(DEFAULT_RESTORE_FILE).catch(() => undefined);
  if (!restore?.fields.length) return;
  const members = restore.fields.map((f) => f.member).join(', ');
  try {
    const outcome = await restoreKeyQualifiers(org.getConnection(), restore);
    if (outcome && !outcome.success) throw new Error(outcome.failures.map((f) => `${f.fullName}: ${f.problem}`).join('; '));
    await rm(DEFAULT_RESTORE_FILE, { force: true });
    opts.say(messages.getMessage('info.keyQualifiers', [restore.fields.length, members]));
  } catch (e) {
    await opts.warn(messages.getMessage('warning.keyQualifiers', [members, (e as Error).message, orgName]));
  }
}

/** true when the kit is live at the end */
async function unwrapOne(client: DataKitClient, name: string, orgId: string, orgName: string, opts: AfterDeployOptions): Promise<boolean> {
  const kit = (await client.listKits()).find((k) => k.developerName === name);
  if (!kit) throw new Error(`the org does not list data kit ${name} yet`);
  const start = await startUnwrap(client, kit, { orgId });
  if (!start.started) {
    opts.say(messages.getMessage('info.alreadyActive', [name]));
    return true;
  }
  opts.say(messages.getMessage('info.unwrapping', [name, start.expected.length, start.jobId]));
  await cacheJob(start.jobId, { kind: 'unwrap', kit: name, username: orgName, dataSpace: start.dataSpace, components: start.expected, ...('interviewId' in start.source ? { interviewId: start.source.interviewId } : {}) });
  const result = await watchJob({ client, source: start.source, kind: 'unwrap', kit: name, expected: start.expected, timeoutMs: waitMinutes() * 60_000 });
  if (result.outcome === 'Succeeded') {
    opts.say(messages.getMessage('info.unwrapped', [name, result.components.length]));
    opts.say(formatChecklist(name, start.checklist));
    return true;
  }
  if (result.outcome === 'InProgress') {
    await opts.warn(messages.getMessage('warning.stillRunning', [name, start.jobId, resumeCommand(start.jobId, orgName)]));
    return false;
  }
  const failed = result.components.filter((c) => c.state === 'Failed').map((c) => `${c.type}:${c.name} (${c.error ?? result.jobError ?? 'no error text'})`);
  throw new Error(`${failed.join('; ') || result.jobError || 'the job failed'} [exit code ${EXIT_BY_OUTCOME[result.outcome]}]`);
}
