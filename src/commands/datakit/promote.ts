import { Messages, type Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { checkOutputFolder } from '../../cli/outputPaths.js';
import { jobExitCodes } from '../../cli/exitCodeHelp.js';
import {
  configFileFlag,
  kitNameFlag,
  orgLabel,
  refuseSameOrg,
  resolveSourceOrg,
  sourceOrgOptions,
  waitFlag,
} from '../../cli/flags.js';
import { diffKits, type ComponentRow } from '../../compare/diff.js';
import { kitStateInOrg } from '../../compare/kitState.js';
import { isDeployable } from '../../deploy/config.js';
import type { ConfigOverrides } from '../../deploy/config.js';
import { readConfigOverrides, unusedOverrides } from '../../deploy/configFile.js';
import { kitComponents } from '../../kits/components.js';
import { findKit } from '../../kits/kits.js';
import { manifestTypes } from '../../kits/packageXml.js';
import { restoreKeyQualifiers } from '../../metadata/restoreKeyQualifiers.js';
import type { LeftOut } from '../../metadata/retrievable.js';
import { formatDiffRows } from '../../output/compare.js';
import { promotionConflicts, type Conflict } from '../../promote/conflicts.js';
import { missingInTarget } from '../../promote/dependencyCheck.js';
import { moveKitMetadata } from '../../promote/moveMetadata.js';
import { unwrapAndWatch, type UnwrapOutcome } from '../../unwrap/unwrapAndWatch.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.promote');
const sourceMessages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

export type DatakitPromoteResult = {
  kit: string;
  sourceOrg: string;
  targetOrg: string;
  dryRun: boolean;
  forced: boolean;
  rows: ComponentRow[];
  conflicts: Conflict[];
  plan: string[];
  metadata?: {
    deployId: string;
    retrieved: number;
    leftOut: LeftOut[];
    removed: Array<{ type: string; member: string }>;
    sourceDir?: string;
  };
  unwrap?: UnwrapOutcome;
  keyQualifiersRestored?: string[];
};

export default class DatakitPromote extends DatakitCommand<DatakitPromoteResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = jobExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'source-org': Flags.string({ ...sourceOrgOptions, required: true }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    force: Flags.boolean({ char: 'f', summary: messages.getMessage('flags.force.summary') }),
    'config-file': configFileFlag,
    'output-dir': Flags.directory({ char: 'r', summary: messages.getMessage('flags.output-dir.summary') }),
    wait: waitFlag,
  };

  public async run(): Promise<DatakitPromoteResult> {
    const { flags } = await this.parse(DatakitPromote);
    await checkOutputFolder('--output-dir', flags['output-dir']);
    const overrides = flags['config-file'] ? await readConfigOverrides(flags['config-file']) : undefined;

    const target = flags['target-org'];
    const source = await resolveSourceOrg(flags['source-org']);
    const [from, to] = [orgLabel(source), orgLabel(target)];
    refuseSameOrg(source, target);
    const sourceClient = DataKitClient.forOrg(source, flags['api-version']);
    const targetClient = DataKitClient.forOrg(target, flags['api-version']);
    this.log(messages.getMessage('info.start', [flags.name, from, to]));

    const kit = await findKit(sourceClient, flags.name, this.lookupContext(source));
    const [sourceState, targetState, missing] = await Promise.all([
      kitStateInOrg(sourceClient, flags.name, from, false),
      kitStateInOrg(targetClient, flags.name, to, true),
      missingInTarget(sourceClient, targetClient, flags.name, kitComponents(kit), kit.dataSpaceName),
    ]);
    const diff = diffKits(sourceState, targetState);
    const conflicts = promotionConflicts(diff, targetState, missing);
    this.table({
      data: formatDiffRows(diff.rows),
      columns: ['component', 'difference', { key: 'source', name: from }, { key: 'target', name: to }],
    });
    for (const c of conflicts) this.warn(c.message);
    const unused = unusedOverrides(overrides, kitComponents(kit), flags.name);
    if (unused) this.warn(unused);

    const planMessages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');
    const plan = [
      planMessages.getMessage('plan.retrieve', [from]),
      planMessages.getMessage('plan.clean'),
      planMessages.getMessage('plan.deploy', [
        to,
        planMessages.getMessage(targetState.found ? 'plan.deploy.update' : 'plan.deploy.create'),
      ]),
      planMessages.getMessage('plan.unwrap', [to]),
      planMessages.getMessage('plan.restore', [to]),
      planMessages.getMessage('plan.checklist', [to]),
    ];
    const result: DatakitPromoteResult = {
      kit: flags.name,
      sourceOrg: from,
      targetOrg: to,
      dryRun: Boolean(flags['dry-run']),
      forced: Boolean(flags.force),
      rows: diff.rows,
      conflicts,
      plan,
    };
    const upToDate =
      diff.equal && targetState.components.filter((c) => isDeployable(c.type)).every((c) => c.status === 'ACTIVE');
    if (upToDate) {
      this.logSuccess(messages.getMessage('info.upToDate', [flags.name, to, from]));
      return result;
    }
    this.log(messages.getMessage('info.plan', [plan.map((p, i) => `  ${i + 1}. ${p}`).join('\n')]));
    if (flags['dry-run']) {
      this.log(messages.getMessage('info.dryRun'));
      if (conflicts.length || unused) process.exitCode = 1;
      return result;
    }
    if (conflicts.length && !flags.force) {
      throw messages.createError(
        'error.Conflicts',
        [flags.name, to, conflicts.length, conflicts.map((c) => `  - ${c.message}`).join('\n')],
        [flags.name, source.getUsername() ?? from, target.getUsername() ?? to]
      );
    }
    return { ...result, ...(await this.promote(flags, source, target, targetClient, overrides)) };
  }

  /** The changing half: metadata move, unwrap, key qualifiers. */
  private async promote(
    flags: { name: string; 'config-file'?: string; 'output-dir'?: string; wait: { minutes: number } },
    source: Org,
    target: Org,
    targetClient: DataKitClient,
    overrides: ConfigOverrides | undefined
  ): Promise<Partial<DatakitPromoteResult>> {
    const [from, to] = [orgLabel(source), orgLabel(target)];
    const apiVersion = targetClient.apiVersion;

    const types = manifestTypes(await DataKitClient.forOrg(source, apiVersion).manifest(flags.name));
    const moved = await moveKitMetadata(
      source.getConnection(apiVersion),
      target.getConnection(apiVersion),
      types,
      flags['output-dir'],
      flags.wait.minutes
    );
    this.log(messages.getMessage('info.retrieved', [moved.retrieved, flags.name, from]));
    for (const l of moved.leftOut)
      this.warn(sourceMessages.getMessage('warning.leftOut', [l.type, l.members.join(', '), l.reason]));
    for (const r of moved.removed) this.log(messages.getMessage('info.removed', [r.type, r.member, r.reason]));
    if (!moved.deploy.success) {
      throw messages.createError('error.MetadataDeployFailed', [
        to,
        moved.deploy.id,
        moved.deploy.failures.map((f) => `  - ${f.type} ${f.fullName}: ${f.problem}`).join('\n'),
      ]);
    }
    this.log(messages.getMessage('info.metadataDeployed', [to, moved.deploy.id]));
    const metadata = {
      deployId: moved.deploy.id,
      retrieved: moved.retrieved,
      leftOut: moved.leftOut,
      removed: moved.removed.map(({ type, member }) => ({ type, member })),
      ...(flags['output-dir'] ? { sourceDir: moved.sourceDir } : {}),
    };

    const unwrap = await unwrapAndWatch({
      client: targetClient,
      kit: await findKit(targetClient, flags.name, this.lookupContext(target)),
      orgId: target.getOrgId(),
      orgName: target.getUsername() ?? 'target-org',
      ux: this.jobUx,
      progress: this.progressDisplay,
      overrides,
      waitMinutes: flags.wait.minutes,
    });
    if (unwrap.job && unwrap.job.outcome !== 'Succeeded') return { metadata, unwrap };

    const members = moved.restore.fields.map((f) => f.member);
    if (members.length === 0) return { metadata, unwrap };
    const restored = await restoreKeyQualifiers(target.getConnection(apiVersion), moved.restore).catch((e: Error) => ({
      success: false,
      failures: [{ problem: e.message }],
    }));
    if (restored?.success) {
      this.log(messages.getMessage('info.keyQualifiers', [members.length, to, members.join(', ')]));
      return { metadata, unwrap, keyQualifiersRestored: members };
    }
    this.warn(
      messages.getMessage('warning.keyQualifiers', [
        members.join(', '),
        to,
        restored?.failures.map((f) => f.problem).join('; ') ?? 'unknown error',
      ])
    );
    return { metadata, unwrap, keyQualifiersRestored: [] };
  }
}
