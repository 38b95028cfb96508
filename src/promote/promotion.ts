/*
 * A promotion in three parts. planPromotion only reads both orgs: what would change, down to each component's
 * content, what stops it (including edits made in the target since its last release), whether there is anything
 * to do. preflight checks that it would work without changing anything (a check-only metadata deploy, the
 * target's dependencies, data space and connections). carryOutPromotion changes the target and writes the
 * release record. Commands decide what to print around them; the steps report through the JobUx.
 */
import { Messages, type Org } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { diffKits, type ContentSides, type KitDiff } from '../compare/diff.js';
import { kitStateInOrg } from '../compare/kitState.js';
import { componentKey, readOwnedMembers, type KitContent } from '../content/kitContent.js';
import { hashOf } from '../content/normalize.js';
import { kitContentInOrg } from '../content/orgContent.js';
import { isDeployable, type ConfigOverrides } from '../deploy/config.js';
import { kitComponents, type KitComponent } from '../kits/components.js';
import { findKit, type LookupContext } from '../kits/kits.js';
import { manifestTypes } from '../kits/packageXml.js';
import { restoreKeyQualifiers } from '../metadata/restoreKeyQualifiers.js';
import type { LeftOut } from '../metadata/retrievable.js';
import type { ProgressOptions } from '../output/progress.js';
import { lastReleaseIn, readReleases, recordedLine, type ReleaseRecord } from '../releases/records.js';
import type { Release } from '../releases/release.js';
import { readKitProject, walkFiles } from '../source/kitSource.js';
import { targetFactsOf, targetProblems } from '../source/validate.js';
import { errorsIn, type Finding } from '../shared/findings.js';
import { withInterrupt } from '../shared/interrupt.js';
import type { JobUx } from '../shared/ux.js';
import { unwrapAndWatch, type UnwrapOutcome } from '../unwrap/unwrapAndWatch.js';
import { lakeObjectsBlockingDeploy } from '../deploy/existingObjects.js';
import type { OrgWriter } from '../api/writer.js';
import { editedInTarget, promotionConflicts, type Conflict } from './conflicts.js';
import { connectionFindings } from './connections.js';
import { missingInTarget } from './dependencyCheck.js';
import { directionConflict } from './direction.js';
import { carriedIdFindings, rebindOrgIds, type CarriedId, type IdSide } from './orgIds.js';
import {
  checkPrepared,
  deployPrepared,
  discard,
  keepOnly,
  prepareKitSource,
  type PreparedSource,
} from './moveMetadata.js';
import { selectiveScope } from './scope.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');
const sourceMessages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

/** One org of a promotion: its login, its client, how messages name it, how a kit lookup reports in it. */
export type PromotionSide = { org: Org; client: DataKitClient; label: string; lookup: LookupContext };

export type PlanOptions = {
  /** --component: carry only these ("Type:Name"), for example a hotfix brought back from production */
  components?: string[];
  withDependencies?: boolean;
  waitMinutes?: number;
};

export type PromotionPlan = {
  kit: DataKitDetails;
  diff: KitDiff;
  content: ContentSides;
  conflicts: Conflict[];
  /** what the reader should know that does not stop the promotion (no release record, records refused) */
  notes: Finding[];
  /** the target has the kit already: the metadata deploy updates it rather than creating it */
  targetHasKit: boolean;
  /** a selective promotion's components, in deployment order; undefined for the whole kit */
  scope?: KitComponent[];
  /** components the target needs deployed: new there, changed inside, or not active */
  toDeploy: string[];
  /** nothing to deploy and (for the whole kit) nothing else differs */
  upToDate: boolean;
  /** the target's last release of this kit: what it should still hold */
  baseline?: ReleaseRecord;
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
  /** absent when Ctrl-C or SIGTERM stopped the promotion after its metadata deploy */
  unwrap?: UnwrapOutcome;
  /** stopped (Ctrl-C, SIGTERM) after the metadata deploy: the command that finishes it */
  stopped?: { next: string };
  keyQualifiersRestored?: string[];
  /** the release record written in the project */
  releaseFile?: string;
};

const noContent = (): KitContent => ({ components: new Map(), unreadable: [] });

export async function planPromotion(
  source: PromotionSide,
  target: PromotionSide,
  kitName: string,
  opts: PlanOptions = {}
): Promise<PromotionPlan> {
  const kit = await findKit(source.client, kitName, source.lookup);
  const [sourceState, targetState, missing, releases, direction] = await Promise.all([
    kitStateInOrg(source.client, kitName, source.label, false),
    kitStateInOrg(target.client, kitName, target.label, true),
    missingInTarget(source.client, target.client, kitName, kitComponents(kit), kit.dataSpaceName),
    readReleases(kitName),
    directionConflict(kit, source, target),
  ]);
  const scope = opts.components?.length
    ? await selectiveScope(source.client, kit, opts.components, Boolean(opts.withDependencies), {
        label: target.label,
        components: targetState.components,
      })
    : undefined;
  const content: ContentSides = {
    source: await kitContentInOrg(source.org, source.client, kitName, sourceState.components, opts.waitMinutes),
    target: targetState.found
      ? await kitContentInOrg(target.org, target.client, kitName, targetState.components, opts.waitMinutes)
      : noContent(),
  };
  const diff = diffKits(sourceState, targetState, false, content);
  const inScope = new Set((scope ?? kitComponents(kit)).map(componentKey));
  const baseline = lastReleaseIn(releases.records, target.org.getOrgId());
  const conflicts = [
    // a selective promotion leaves the kit's membership alone: only conflicts about its components count
    ...promotionConflicts(diff, targetState, missing).filter(
      (c) => !scope || (c.component !== undefined && inScope.has(c.component) && c.check !== 'onlyInTarget')
    ),
    ...(baseline ? editedInTarget(baseline.content, content.target, inScope, target.label) : []),
    ...(direction ? [direction] : []),
  ];
  const notes: Finding[] = releases.refused.map((r) => ({
    severity: 'warning',
    check: 'releaseRecord',
    file: r.file,
    message: messages.getMessage('note.recordRefused', [r.file, r.reason]),
  }));
  if (!baseline && targetState.found)
    notes.push({
      severity: 'warning',
      check: 'releaseRecord',
      message: messages.getMessage('preflight.noRecord', [target.label, kitName]),
    });
  const status = new Map(targetState.components.map((c) => [componentKey(c), c.status]));
  const toDeploy = diff.rows
    .filter((r) => inScope.has(r.component) && r.difference !== 'removed')
    .filter((r) => {
      // data model objects travel in the metadata alone: they never have a deployment status
      const deployable = isDeployable(r.component.slice(0, r.component.indexOf(':')));
      const changedInside = (r.content?.length ?? 0) > 0;
      return r.difference === 'added' || changedInside || (deployable && status.get(r.component) !== 'ACTIVE');
    })
    .map((r) => r.component);
  return {
    kit,
    diff,
    content,
    conflicts,
    notes,
    targetHasKit: targetState.found,
    ...(scope ? { scope } : {}),
    toDeploy,
    upToDate: toDeploy.length === 0 && (scope !== undefined || diff.equal),
    ...(baseline ? { baseline } : {}),
  };
}

export type PreflightOptions = {
  source: PromotionSide;
  target: PromotionSide;
  kitName: string;
  plan: PromotionPlan;
  ux: JobUx;
  progress: ProgressOptions['mode'];
  overrides?: ConfigOverrides;
  /** keep the retrieved source here instead of a temporary folder */
  outputDir?: string;
  waitMinutes: number;
  /** the API version both orgs are called at for metadata */
  apiVersion?: string;
};

export type CarryOutOptions = PreflightOptions & {
  /** the release this promotion is: its record is written at the end (its snapshot, if any, already taken) */
  release: Release;
  /** the target's writer, from the gate */
  writer: OrgWriter;
  /** carry record ids the target has no counterpart for unchanged */
  force?: boolean;
  /** the command that takes the promotion up again (the same promote), for a record that stopped */
  nextCommand: string;
};

const idSide = (s: PromotionSide): IdSide => ({ client: s.client, label: s.label, orgId: s.org.getOrgId() });
const idSides = (opts: PreflightOptions): [IdSide, IdSide] => [idSide(opts.source), idSide(opts.target)];

/**
 * The source retrieved, cleaned and rebound to the target (the source org's record ids it can map rewritten, G2);
 * for a selective promotion, only the scope's own files.
 */
async function preparedFor(opts: PreflightOptions): Promise<PreparedSource & { carriedIds: CarriedId[] }> {
  const prepared = await retrievedFor(opts);
  const [source, target] = idSides(opts);
  return { ...prepared, carriedIds: await rebindOrgIds(prepared.sourceDir, source, target) };
}

async function retrievedFor(opts: PreflightOptions): Promise<PreparedSource> {
  const { source, kitName, plan } = opts;
  const prepared = await prepareKitSource(
    source.org.getConnection(opts.apiVersion ?? source.client.apiVersion),
    manifestTypes(await source.client.manifest(kitName)),
    opts.outputDir,
    opts.waitMinutes
  );
  if (!plan.scope) return prepared;
  const owned = await readOwnedMembers(await walkFiles(prepared.sourceDir), plan.scope);
  const keep = new Set(owned.members.filter((m) => m.owner).map((m) => m.file));
  await keepOnly(prepared, (file) => keep.has(file));
  // key qualifiers of objects outside the selection are neither removed from it nor set again afterwards
  const objects = new Set(plan.scope.map((c) => c.name));
  const ours = (member: string): boolean => objects.has(member.split('.')[0]);
  return {
    ...prepared,
    removed: prepared.removed.filter((r) => r.type !== 'CustomField' || ours(r.member)),
    restore: { ...prepared.restore, fields: prepared.restore.fields.filter((f) => ours(f.member)) },
  };
}

/** The highest API version both orgs serve: metadata must be read and written in words both know. */
export async function commonApiVersion(a: Org, b: Org): Promise<string> {
  const [x, y] = await Promise.all([a.retrieveMaxApiVersion(), b.retrieveMaxApiVersion()]);
  return Number(x) <= Number(y) ? x : y;
}

/**
 * Would the promotion work? Everything the target can tell without a change: a check-only deploy of the cleaned
 * metadata, the dependencies and data space the source kit needs there, and each stream bundle's connection.
 */
export async function preflight(opts: PreflightOptions): Promise<Finding[]> {
  const { target, kitName, plan } = opts;
  const prepared = await preparedFor({ ...opts, outputDir: undefined });
  try {
    const check = await checkPrepared(target.org.getConnection(opts.apiVersion ?? target.client.apiVersion), prepared, {
      waitMinutes: opts.waitMinutes,
    });
    const findings: Finding[] = check.failures.map((f) => ({
      severity: 'error',
      check: 'metadataDeploy',
      component: `${f.type}:${f.fullName}`,
      message: messages.getMessage('preflight.metadata', [target.label, f.type, f.fullName, f.problem]),
    }));
    if (!check.success && findings.length === 0)
      findings.push({
        severity: 'error',
        check: 'metadataDeploy',
        message: messages.getMessage('preflight.metadataStatus', [target.label, check.id, check.status]),
      });
    const project = await readKitProject([prepared.sourceDir]);
    findings.push(...(await targetProblems(project, await targetFactsOf(target.client, target.label), kitName)));
    findings.push(...carriedIdFindings(prepared.carriedIds, ...idSides(opts)));
    const dataSpace = plan.kit.dataSpaceName ?? 'default';
    findings.push(
      ...(await connectionFindings(
        target.client,
        plan.scope ?? kitComponents(plan.kit),
        { kit: kitName, dataSpace, orgId: target.org.getOrgId() },
        target.label,
        opts.overrides
      ))
    );
    findings.push(...(await lakeObjectsBlockingDeploy(target.client, kitName, plan.scope ?? kitComponents(plan.kit))));
    return findings;
  } finally {
    await discard(prepared);
  }
}

export async function carryOutPromotion(opts: CarryOutOptions): Promise<PromotionOutcome> {
  const { source, target, kitName, plan, ux } = opts;
  const prepared = await preparedFor(opts);
  reportCarriedIds(opts, prepared);
  // a metadata deploy cannot be called back: a first Ctrl-C (or SIGTERM) lets it end, then stops before the unwrap
  // with a record of where the target stands; a second one quits at once
  const { deploy, stopped } = await withInterrupt(async (signal) => {
    signal.addEventListener('abort', () => ux.warn(messages.getMessage('warning.finishingMetadata')), { once: true });
    const outcome = await deployPrepared(opts.writer, prepared, {
      waitMinutes: opts.waitMinutes,
      apiVersion: opts.apiVersion ?? target.client.apiVersion,
    });
    return { deploy: outcome, stopped: signal.aborted };
  });
  ux.log(messages.getMessage('info.retrieved', [prepared.retrieved, kitName, source.label]));
  for (const l of prepared.leftOut)
    ux.warn(sourceMessages.getMessage('warning.leftOut', [l.type, l.members.join(', '), l.reason]));
  for (const r of prepared.removed) ux.log(messages.getMessage('info.removed', [r.type, r.member, r.reason]));
  const metadata: MetadataMoved = {
    deployId: deploy.id,
    retrieved: prepared.retrieved,
    leftOut: prepared.leftOut,
    removed: prepared.removed.map(({ type, member }) => ({ type, member })),
    ...(opts.outputDir ? { sourceDir: prepared.sourceDir } : {}),
  };
  await discard(prepared);
  const record = (
    outcome: string,
    jobIds: string[],
    states?: Map<string, string>,
    stop?: { stoppedAt: string; next: string }
  ): Promise<string> =>
    opts.release.finish({
      outcome,
      components: carried(plan).map((c) => ({
        component: c,
        hash: hashOf(plan.content.source.components.get(c) ?? {}),
        ...(states?.get(c) ? { outcome: states.get(c) } : {}),
      })),
      content: contentAfter(plan, outcome !== 'Failed'),
      jobIds,
      metadataDeployId: deploy.id,
      ...(stop ?? {}),
    });
  if (!deploy.success) {
    await record('Failed', []);
    throw messages.createError('error.MetadataDeployFailed', [
      target.label,
      deploy.id,
      deploy.failures.map((f) => `  - ${f.type} ${f.fullName}: ${f.problem}`).join('\n'),
    ]);
  }
  ux.log(messages.getMessage('info.metadataDeployed', [target.label, deploy.id]));
  if (stopped) {
    // the templates are the source's now: the record says so, so the next promote sees no edit in the target
    const next = opts.nextCommand;
    const releaseFile = await record('InProgress', [], undefined, {
      stoppedAt: messages.getMessage('stopped.metadata', [deploy.id]),
      next,
    });
    ux.warn(messages.getMessage('warning.stoppedAfterMetadata', [target.label, next]));
    return { metadata, stopped: { next }, releaseFile };
  }

  const unwrap = await unwrapAndWatch({
    client: opts.writer,
    kit: await findKit(target.client, kitName, target.lookup),
    orgId: target.org.getOrgId(),
    orgName: target.org.getUsername() ?? 'target-org',
    ux,
    progress: opts.progress,
    overrides: opts.overrides,
    waitMinutes: opts.waitMinutes,
    selection: {
      redeploy: new Set(plan.toDeploy),
      ...(plan.scope ? { only: new Set(plan.scope.map(componentKey)) } : {}),
    },
  });
  const states = new Map((unwrap.job?.components ?? []).map((c) => [`${c.type}:${c.name}`, c.state]));
  const releaseFile = await record(unwrap.job?.outcome ?? 'Succeeded', unwrap.jobId ? [unwrap.jobId] : [], states);
  ux.info(recordedLine(releaseFile));
  if (unwrap.job && unwrap.job.outcome !== 'Succeeded') return { metadata, unwrap, releaseFile };

  const members = prepared.restore.fields.map((f) => f.member);
  if (members.length === 0) return { metadata, unwrap, releaseFile };
  let problem: string | undefined;
  try {
    const restored = await restoreKeyQualifiers(opts.writer, prepared.restore, opts.apiVersion);
    if (restored && !restored.success) problem = restored.failures.map((f) => f.problem).join('; ');
  } catch (e) {
    problem = (e as Error).message;
  }
  if (problem === undefined) {
    ux.log(messages.getMessage('info.keyQualifiers', [members.length, target.label, members.join(', ')]));
    return { metadata, unwrap, keyQualifiersRestored: members, releaseFile };
  }
  ux.warn(messages.getMessage('warning.keyQualifiers', [members.join(', '), target.label, problem]));
  return { metadata, unwrap, keyQualifiersRestored: [], releaseFile };
}

/** Ids rewritten are said; ids the target has no counterpart for stop the promotion unless --force. */
function reportCarriedIds(opts: CarryOutOptions, prepared: PreparedSource & { carriedIds: CarriedId[] }): void {
  const findings = carriedIdFindings(prepared.carriedIds, ...idSides(opts));
  const unmapped = errorsIn(findings);
  if (unmapped.length && !opts.force) {
    void discard(prepared);
    throw messages.createError('error.CarriedIds', [
      unmapped.length,
      opts.kitName,
      opts.source.label,
      opts.target.label,
      unmapped.map((f) => `  - ${f.message}`).join('\n'),
    ]);
  }
  for (const f of findings)
    if (f.severity === 'error') opts.ux.warn(f.message);
    else opts.ux.log(f.message);
}

/** The components a promotion carries: its scope, or every component of the source kit. */
const carried = (plan: PromotionPlan): string[] => (plan.scope ?? kitComponents(plan.kit)).map(componentKey);

/**
 * Each component's content in the target once the promotion is done: what it carried, from the source; the rest
 * as the last release left it (or, without one, as the target holds it now). A failed deploy changed nothing.
 */
function contentAfter(plan: PromotionPlan, changed: boolean): ReleaseRecord['content'] {
  const before = plan.baseline?.content ?? Object.fromEntries(plan.content.target.components);
  if (!changed) return before;
  const after = plan.scope ? { ...before } : {};
  for (const c of carried(plan)) {
    const content = plan.content.source.components.get(c);
    if (content) after[c] = content;
  }
  return after;
}
