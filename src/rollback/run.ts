/*
 * Putting a snapshot back: first undeploy what the undone releases added (dependants first), then deploy the
 * snapshot's metadata (cleaned as promote cleans it), unwrap the components whose content goes back (watched like
 * deploy), set the key-qualifier fields again, and write the rollback's own release record.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Messages, type Org } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { OrgWriter } from '../api/writer.js';
import { diffComponentContent } from '../content/diff.js';
import { componentKey, type KitContent } from '../content/kitContent.js';
import { hashOf } from '../content/normalize.js';
import type { JobResult } from '../deploy/types.js';
import { planUndeploy } from '../deploy/undeployPlan.js';
import { rememberJob } from '../jobs/cache.js';
import { runJob } from '../jobs/run.js';
import type { ComponentRef } from '../kits/componentRef.js';
import { kitComponents, namesComponent } from '../kits/components.js';
import { findKit, type LookupContext } from '../kits/kits.js';
import { deploySource } from '../metadata/deploy.js';
import { restoreKeyQualifiers } from '../metadata/restoreKeyQualifiers.js';
import type { ProgressOptions } from '../output/progress.js';
import type { Release } from '../releases/release.js';
import { applyRemovals, findRemovals } from '../source/clean.js';
import { walkFiles } from '../source/kitSource.js';
import type { JobUx } from '../shared/ux.js';
import { unwrapAndWatch, type UnwrapOutcome } from '../unwrap/unwrapAndWatch.js';
import type { RollbackSource } from './plan.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'rollback');

export type RollbackOptions = {
  org: Org;
  /** the org's writer, from the gate (it reads too) */
  client: OrgWriter;
  kitName: string;
  source: RollbackSource;
  /** the kit's content in the org now (the rollback's own snapshot), when it could be read */
  current?: KitContent;
  lookup: LookupContext;
  ux: JobUx;
  progress: ProgressOptions['mode'];
  waitMinutes: number;
  junit?: { enabled: boolean; dir?: string };
  apiVersion?: string;
  release: Release;
};

export type RollbackOutcome = {
  undeploy?: JobResult;
  metadataDeployId?: string;
  unwrap?: UnwrapOutcome;
  keyQualifiersRestored?: string[];
  releaseFile?: string;
};

/** What the undone releases added: in the org's kit now, not in the snapshot's. */
export async function addedSince(
  client: DataKitClient,
  kitName: string,
  lookup: LookupContext,
  source: RollbackSource
): Promise<Array<{ type: string; name: string }>> {
  const now = kitComponents(await findKit(client, kitName, lookup));
  // the first release is undone by undeploying what it deployed, whatever the kit holds now
  if (source.firstRelease) return now.filter((c) => source.deployed.some((d) => namesComponent(c, d)));
  // a snapshot names a DLO by its API name, the org's kit may list it under another (F2): either is the same one
  return now
    .filter((c) => !source.kit.components.some((s) => namesComponent(c, s)))
    .map(({ type, name }) => ({ type, name }));
}

/** The snapshot's files, copied (regular files only) into a folder of our own, to clean before the deploy. */
async function copyOfSnapshot(dir: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'datakit-rollback-'));
  for (const file of await walkFiles(dir)) {
    const target = join(copy, relative(dir, file));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, target);
  }
  return copy;
}

type Recorder = (
  outcome: string,
  more?: { states?: Map<string, string>; metadataDeployId?: string; stoppedAt?: string }
) => Promise<string>;

/** The record of this rollback: what it restores, where it stopped when it did, and the command that takes it up. */
function recorder(opts: RollbackOptions, jobIds: string[]): Recorder {
  const { source, kitName } = opts;
  const keys = source.firstRelease ? source.deployed.map(componentKey) : source.kit.components.map(componentKey);
  const orgName = opts.org.getUsername() ?? 'target-org';
  return (outcome, more = {}) =>
    opts.release.finish({
      outcome,
      restored: source.restoring.id,
      components: keys.map((c) => ({
        component: c,
        ...(source.firstRelease ? {} : { hash: hashOf(source.content.components.get(c) ?? {}) }),
        ...(more.states?.get(c) ? { outcome: more.states.get(c) } : {}),
      })),
      // before its first release nothing of the kit was deployed here: there is no content to compare with
      ...(source.firstRelease ? {} : { content: Object.fromEntries(source.content.components) }),
      jobIds,
      ...(more.metadataDeployId ? { metadataDeployId: more.metadataDeployId } : {}),
      ...(more.stoppedAt
        ? {
            stoppedAt: messages.getMessage(`stopped.${more.stoppedAt}`),
            next: messages.getMessage('next.resume', [kitName, orgName]),
          }
        : {}),
    });
}

/** Undeploys components, dependants first, watched like undeploy; undefined when none of them is deployed. */
async function undeployStep(
  opts: RollbackOptions,
  components: Array<{ type: string; name: string }>,
  jobIds: string[]
): Promise<JobResult | undefined> {
  const { client, kitName, org, ux } = opts;
  const kit = await findKit(client, kitName, opts.lookup);
  const plan = await planUndeploy(client, kit, components as ComponentRef[], kit.dataSpaceName);
  if (!plan.order.length) return undefined;
  ux.log(messages.getMessage('info.undeploying', [plan.order.map(componentKey).join(', ')]));
  const orgName = org.getUsername() ?? 'target-org';
  const jobId = await client.undeploy(kitName, plan.order, kit.dataSpaceName);
  jobIds.push(jobId);
  await rememberJob(jobId, {
    kind: 'undeploy',
    kit: kitName,
    username: orgName,
    orgId: org.getOrgId(),
    dataSpace: kit.dataSpaceName ?? 'default',
    components: plan.order,
  });
  return runJob({
    client,
    ux,
    progress: opts.progress,
    kind: 'undeploy',
    source: { jobId },
    kit: kitName,
    orgName,
    dataSpace: kit.dataSpaceName ?? 'default',
    expected: plan.order,
    known: true,
    waitMinutes: opts.waitMinutes,
    junit: opts.junit,
  });
}

export async function rollBack(opts: RollbackOptions): Promise<RollbackOutcome> {
  const { client, kitName, source, ux } = opts;
  const jobIds: string[] = [];
  const record = recorder(opts, jobIds);

  // 1. what the undone releases added goes first, dependants before what they need (a first release: all it
  // deployed); a resumed rollback finds what it already removed gone, and does not touch it again
  const undeploy = await undeployStep(opts, await addedSince(client, kitName, opts.lookup, source), jobIds).catch(
    async (e: Error) => {
      await record('Failed', { stoppedAt: 'undeploy' });
      throw e;
    }
  );
  if (undeploy && undeploy.outcome !== 'Succeeded') {
    const releaseFile = await record(undeploy.outcome, { stoppedAt: 'undeploy' });
    ux.warn(messages.getMessage('warning.stoppedAtUndeploy', [kitName]));
    return { undeploy, releaseFile };
  }
  if (source.firstRelease) return { undeploy, releaseFile: await record('Succeeded') };

  // 2. the snapshot's metadata, cleaned of what a deploy rejects
  const copy = await copyOfSnapshot(source.dir);
  try {
    const removed = await findRemovals(copy);
    const restore = await applyRemovals(copy, removed);
    const deployed = await deploySource(client, copy, {
      apiVersion: opts.apiVersion ?? client.apiVersion,
      waitMinutes: opts.waitMinutes,
      unwrapsItself: true,
      // exactly the members the snapshot check let through
      only: source.members,
    }).catch(async (e: Error) => {
      await record('Failed', { stoppedAt: 'metadata' });
      throw e;
    });
    if (!deployed.success) {
      await record('Failed', { metadataDeployId: deployed.id, stoppedAt: 'metadata' });
      throw messages.createError('error.MetadataDeployFailed', [
        deployed.id,
        deployed.failures.map((f) => `  - ${f.type} ${f.fullName}: ${f.problem}`).join('\n'),
      ]);
    }
    ux.log(messages.getMessage('info.metadataDeployed', [source.restoring.id, deployed.id]));

    // 3. deploy again what goes back to other content (or is not active)
    const snapshotKeys = source.kit.components.map(componentKey);
    const changed = snapshotKeys.filter(
      (k) =>
        !opts.current ||
        diffComponentContent(k, source.content.components.get(k) ?? {}, opts.current.components.get(k) ?? {}).length > 0
    );
    const unwrap = await unwrapAndWatch({
      client,
      kit: await findKit(client, kitName, opts.lookup),
      orgId: opts.org.getOrgId(),
      orgName: opts.org.getUsername() ?? 'target-org',
      ux,
      progress: opts.progress,
      waitMinutes: opts.waitMinutes,
      junit: opts.junit,
      selection: { redeploy: new Set(changed) },
    });
    if (unwrap.jobId) jobIds.push(unwrap.jobId);
    const states = new Map((unwrap.job?.components ?? []).map((c) => [`${c.type}:${c.name}`, c.state]));
    const ended = unwrap.job?.outcome ?? 'Succeeded';
    const releaseFile = await record(ended, {
      states,
      metadataDeployId: deployed.id,
      ...(ended === 'Succeeded' ? {} : { stoppedAt: 'unwrap' }),
    });
    if (unwrap.job && unwrap.job.outcome !== 'Succeeded')
      return { undeploy, metadataDeployId: deployed.id, unwrap, releaseFile };

    // 4. the key-qualifier fields the deploy could not carry
    const members = restore.fields.map((f) => f.member);
    if (members.length) {
      const restored = await restoreKeyQualifiers(client, restore, opts.apiVersion).catch((e: Error) => ({
        success: false,
        failures: [{ problem: e.message }],
      }));
      if (restored && !restored.success)
        ux.warn(
          messages.getMessage('warning.keyQualifiers', [
            members.join(', '),
            restored.failures.map((f) => f.problem).join('; '),
          ])
        );
    }
    return { undeploy, metadataDeployId: deployed.id, unwrap, keyQualifiersRestored: members, releaseFile };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
