/*
 * The hook's work, kept out of the hook module so `sf` start-up only loads it when a kit was deployed.
 */
import { Messages } from '@salesforce/core';
import { DataKitClient } from '../api/client.js';
import { EXIT_BY_OUTCOME } from '../deploy/outcome.js';
import { cacheJob, resumeCommand } from '../deploy/runJob.js';
import { watchJob } from '../deploy/watcher.js';
import { resolveOrgForDeploy } from '../hooks/resolveOrg.js';
import { formatChecklist } from '../output/checklist.js';
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
  try {
    const org = await resolveOrgForDeploy(opts.argv, opts.orgId);
    orgName = org.getUsername() ?? opts.orgId;
    orgId = org.getOrgId();
    client = DataKitClient.forOrg(org);
  } catch (e) {
    for (const kit of opts.kits) await opts.warn(messages.getMessage('warning.unwrapFailed', [kit, (e as Error).message, kit, orgName]));
    return;
  }
  for (const kit of opts.kits) {
    try {
      // eslint-disable-next-line no-await-in-loop -- kits unwrap one after another, like the UI
      await unwrapOne(client, kit, orgId, orgName, opts);
    } catch (e) {
      // eslint-disable-next-line no-await-in-loop
      await opts.warn(messages.getMessage('warning.unwrapFailed', [kit, (e as Error).message, kit, orgName]));
    }
  }
}

async function unwrapOne(client: DataKitClient, name: string, orgId: string, orgName: string, opts: AfterDeployOptions): Promise<void> {
  const kit = (await client.listKits()).find((k) => k.developerName === name);
  if (!kit) throw new Error(`the org does not list data kit ${name} yet`);
  const start = await startUnwrap(client, kit, { orgId });
  if (!start.started) {
    opts.say(messages.getMessage('info.alreadyActive', [name]));
    return;
  }
  opts.say(messages.getMessage('info.unwrapping', [name, start.expected.length, start.jobId]));
  await cacheJob(start.jobId, { kind: 'unwrap', kit: name, username: orgName, dataSpace: start.dataSpace, components: start.expected, ...('interviewId' in start.source ? { interviewId: start.source.interviewId } : {}) });
  const result = await watchJob({ client, source: start.source, kind: 'unwrap', kit: name, expected: start.expected, timeoutMs: waitMinutes() * 60_000 });
  if (result.outcome === 'Succeeded') {
    opts.say(messages.getMessage('info.unwrapped', [name, result.components.length]));
    opts.say(formatChecklist(name, start.checklist));
    return;
  }
  if (result.outcome === 'InProgress') {
    await opts.warn(messages.getMessage('warning.stillRunning', [name, start.jobId, resumeCommand(start.jobId, orgName)]));
    return;
  }
  const failed = result.components.filter((c) => c.state === 'Failed').map((c) => `${c.type}:${c.name} (${c.error ?? result.jobError ?? 'no error text'})`);
  throw new Error(`${failed.join('; ') || result.jobError || 'the job failed'} [exit code ${EXIT_BY_OUTCOME[result.outcome]}]`);
}
