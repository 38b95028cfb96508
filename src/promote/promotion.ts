/*
 * A promotion in two halves. planPromotion only reads both orgs: what would change, what stops it, whether there
 * is anything to do. carryOutPromotion changes the target: the kit's metadata, the unwrap and its watch, the
 * key-qualifier fields. Commands decide what to print around them; the steps report through the JobUx.
 */
import { Messages, type Org } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { diffKits, type KitDiff } from '../compare/diff.js';
import { kitStateInOrg } from '../compare/kitState.js';
import { isDeployable, type ConfigOverrides } from '../deploy/config.js';
import { kitComponents } from '../kits/components.js';
import { findKit, type LookupContext } from '../kits/kits.js';
import { manifestTypes } from '../kits/packageXml.js';
import { restoreKeyQualifiers } from '../metadata/restoreKeyQualifiers.js';
import type { LeftOut } from '../metadata/retrievable.js';
import type { ProgressOptions } from '../output/progress.js';
import type { JobUx } from '../shared/ux.js';
import { unwrapAndWatch, type UnwrapOutcome } from '../unwrap/unwrapAndWatch.js';
import { promotionConflicts, type Conflict } from './conflicts.js';
import { missingInTarget } from './dependencyCheck.js';
import { moveKitMetadata } from './moveMetadata.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');
const sourceMessages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

/** One org of a promotion: its login, its client, how messages name it, how a kit lookup reports in it. */
export type PromotionSide = { org: Org; client: DataKitClient; label: string; lookup: LookupContext };

export type PromotionPlan = {
  kit: DataKitDetails;
  diff: KitDiff;
  conflicts: Conflict[];
  /** the target has the kit already: the metadata deploy updates it rather than creating it */
  targetHasKit: boolean;
  /** same components and every deployable one active in the target: nothing to promote */
  upToDate: boolean;
};

export type MetadataMoved = {
  deployId: string;
  retrieved: number;
  leftOut: LeftOut[];
  removed: Array<{ type: string; member: string }>;
  sourceDir?: string;
};

export type PromotionOutcome = {
  metadata: MetadataMoved;
  unwrap: UnwrapOutcome;
  keyQualifiersRestored?: string[];
};

export async function planPromotion(
  source: PromotionSide,
  target: PromotionSide,
  kitName: string
): Promise<PromotionPlan> {
  const kit = await findKit(source.client, kitName, source.lookup);
  const [sourceState, targetState, missing] = await Promise.all([
    kitStateInOrg(source.client, kitName, source.label, false),
    kitStateInOrg(target.client, kitName, target.label, true),
    missingInTarget(source.client, target.client, kitName, kitComponents(kit), kit.dataSpaceName),
  ]);
  const diff = diffKits(sourceState, targetState);
  return {
    kit,
    diff,
    conflicts: promotionConflicts(diff, targetState, missing),
    targetHasKit: targetState.found,
    upToDate:
      diff.equal && targetState.components.filter((c) => isDeployable(c.type)).every((c) => c.status === 'ACTIVE'),
  };
}

export type CarryOutOptions = {
  source: PromotionSide;
  target: PromotionSide;
  kitName: string;
  ux: JobUx;
  progress: ProgressOptions['mode'];
  overrides?: ConfigOverrides;
  /** keep the retrieved source here instead of a temporary folder */
  outputDir?: string;
  waitMinutes: number;
};

export async function carryOutPromotion(opts: CarryOutOptions): Promise<PromotionOutcome> {
  const { source, target, kitName, ux } = opts;
  const apiVersion = target.client.apiVersion;
  const moved = await moveKitMetadata(
    source.org.getConnection(apiVersion),
    target.org.getConnection(apiVersion),
    manifestTypes(await source.client.manifest(kitName)),
    opts.outputDir,
    opts.waitMinutes
  );
  ux.log(messages.getMessage('info.retrieved', [moved.retrieved, kitName, source.label]));
  for (const l of moved.leftOut)
    ux.warn(sourceMessages.getMessage('warning.leftOut', [l.type, l.members.join(', '), l.reason]));
  for (const r of moved.removed) ux.log(messages.getMessage('info.removed', [r.type, r.member, r.reason]));
  if (!moved.deploy.success)
    throw messages.createError('error.MetadataDeployFailed', [
      target.label,
      moved.deploy.id,
      moved.deploy.failures.map((f) => `  - ${f.type} ${f.fullName}: ${f.problem}`).join('\n'),
    ]);
  ux.log(messages.getMessage('info.metadataDeployed', [target.label, moved.deploy.id]));
  const metadata: MetadataMoved = {
    deployId: moved.deploy.id,
    retrieved: moved.retrieved,
    leftOut: moved.leftOut,
    removed: moved.removed.map(({ type, member }) => ({ type, member })),
    ...(opts.outputDir ? { sourceDir: moved.sourceDir } : {}),
  };

  const unwrap = await unwrapAndWatch({
    client: target.client,
    kit: await findKit(target.client, kitName, target.lookup),
    orgId: target.org.getOrgId(),
    orgName: target.org.getUsername() ?? 'target-org',
    ux,
    progress: opts.progress,
    overrides: opts.overrides,
    waitMinutes: opts.waitMinutes,
  });
  if (unwrap.job && unwrap.job.outcome !== 'Succeeded') return { metadata, unwrap };

  const members = moved.restore.fields.map((f) => f.member);
  if (members.length === 0) return { metadata, unwrap };
  let problem: string | undefined;
  try {
    const restored = await restoreKeyQualifiers(target.org.getConnection(apiVersion), moved.restore);
    if (restored && !restored.success) problem = restored.failures.map((f) => f.problem).join('; ');
  } catch (e) {
    problem = (e as Error).message;
  }
  if (problem === undefined) {
    ux.log(messages.getMessage('info.keyQualifiers', [members.length, target.label, members.join(', ')]));
    return { metadata, unwrap, keyQualifiersRestored: members };
  }
  ux.warn(messages.getMessage('warning.keyQualifiers', [members.join(', '), target.label, problem]));
  return { metadata, unwrap, keyQualifiersRestored: [] };
}
