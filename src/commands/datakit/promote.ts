import { Messages, type Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { checkOutputFolder } from '../../cli/outputPaths.js';
import { jobExitCodes } from '../../cli/exitCodeHelp.js';
import {
  configFileFlag,
  kitNameFlag,
  noPromptFlag,
  orgLabel,
  reasonFlag,
  refuseSameOrg,
  resolveSourceOrg,
  sourceOrgOptions,
  verifyFlag,
  waitFlag,
} from '../../cli/flags.js';
import type { ComponentRow } from '../../compare/diff.js';
import { unusedOverrides } from '../../deploy/configFile.js';
import { overridesFor, placeOf, type Place } from '../../cli/environment.js';
import { refOfKey } from '../../content/kitContent.js';
import { skippedStages } from '../../governance/environments.js';
import { kitComponents } from '../../kits/components.js';
import { findKit } from '../../kits/kits.js';
import { contentLines, diffTable } from '../../output/compare.js';
import { findingsTable } from '../../output/tables.js';
import { numberedSteps, promotionSteps } from '../../output/promotionPlan.js';
import type { Conflict } from '../../promote/conflicts.js';
import {
  carryOutPromotion,
  commonApiVersion,
  planPromotion,
  preflight,
  type MetadataMoved,
  type PreflightOptions,
  type PromotionSide,
} from '../../promote/promotion.js';
import { EXIT } from '../../shared/exitCodes.js';
import { errorsIn, type Finding } from '../../shared/findings.js';
import type { UnwrapOutcome } from '../../unwrap/unwrapAndWatch.js';
import type { KitVerification } from '../../verify/verifyKit.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.promote');
const governance = Messages.loadMessages('@sfdatakit/plugin-datakit', 'governance');

export type DatakitPromoteResult = {
  kit: string;
  sourceOrg: string;
  targetOrg: string;
  dryRun: boolean;
  forced: boolean;
  /** the components a selective promotion carries ("Type:Name"); absent for the whole kit */
  components?: string[];
  rows: ComponentRow[];
  conflicts: Conflict[];
  /** what does not stop the promotion but should be read (no release record, a record refused) */
  notes: Finding[];
  plan: string[];
  /** --dry-run: what the target says about it without changing anything; go when none is an error */
  preflight?: { go: boolean; findings: Finding[] };
  metadata?: MetadataMoved;
  unwrap?: UnwrapOutcome;
  /** Ctrl-C or SIGTERM stopped it after the metadata deploy (exit 69): the command that finishes it */
  stopped?: { next: string };
  keyQualifiersRestored?: string[];
  releaseFile?: string;
  /** --verify: does the kit work in the target */
  verify?: KitVerification;
};

/** The same promotion, as a command to run again. */
const promoteCommand = (kit: string, source: Org, target: Org): string =>
  `sf datakit promote --name ${kit} --source-org ${orgLabelFor(source)} --target-org ${orgLabelFor(target)}`;
const orgLabelFor = (org: Org): string => org.getUsername() ?? org.getOrgId();

/** A promotion that would skip a stage of the promotion order (environments.json) stops unless --force. */
async function refuseSkippedStages(sourceOrg: Org, targetOrg: Org, place: Place): Promise<void> {
  const skipped = skippedStages(place.environments, (await placeOf(sourceOrg)).environment, place.environment);
  if (skipped.length)
    throw governance.createError(
      'error.SkipsStage',
      [orgLabel(sourceOrg), orgLabel(targetOrg), skipped.map((e) => e.alias).join(', '), place.environments.file],
      [skipped[0].alias]
    );
}

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
    component: Flags.string({
      char: 'c',
      multiple: true,
      summary: messages.getMessage('flags.component.summary'),
      description: messages.getMessage('flags.component.description'),
    }),
    'with-dependencies': Flags.boolean({
      summary: messages.getMessage('flags.with-dependencies.summary'),
      dependsOn: ['component'],
    }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    force: Flags.boolean({ char: 'f', summary: messages.getMessage('flags.force.summary') }),
    'config-file': configFileFlag,
    'output-dir': Flags.directory({ char: 'r', summary: messages.getMessage('flags.output-dir.summary') }),
    wait: waitFlag,
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
    verify: verifyFlag,
  };

  public async run(): Promise<DatakitPromoteResult> {
    const { flags } = await this.parse(DatakitPromote);
    await checkOutputFolder('--output-dir', flags['output-dir']);
    const targetOrg = flags['target-org'];
    const sourceOrg = await resolveSourceOrg(flags['source-org']);
    refuseSameOrg(sourceOrg, targetOrg);
    // environments.json: the stage order, a protected target confirmed before the first request, its connections
    const change = flags['dry-run']
      ? undefined
      : await this.openChange(targetOrg, {
          kit: flags.name,
          what: messages.getMessage('what', [flags.name, orgLabel(sourceOrg)]),
          noPrompt: flags['no-prompt'],
          reason: flags.reason,
          sourceOrg,
          apiVersion: flags['api-version'],
        });
    const place = change ?? (await placeOf(targetOrg));
    if (!flags.force) await refuseSkippedStages(sourceOrg, targetOrg, place);
    const overrides = await overridesFor(flags['config-file'], place);
    const side = (org: Org): PromotionSide => ({
      org,
      client: DataKitClient.forOrg(org, flags['api-version']),
      label: orgLabel(org),
      lookup: this.lookupContext(org),
    });
    const [source, target] = [side(sourceOrg), side(targetOrg)];
    this.log(messages.getMessage('info.start', [flags.name, source.label, target.label]));

    this.spinner.start(messages.getMessage('info.reading', [flags.name, source.label, target.label]));
    const plan = await planPromotion(source, target, flags.name, {
      components: flags.component,
      withDependencies: flags['with-dependencies'],
      waitMinutes: flags.wait.minutes,
    });
    this.spinner.stop();
    this.printTable(diffTable(plan.diff.rows, source.label, target.label));
    for (const r of plan.diff.rows.filter((row) => row.content?.length))
      this.log(contentLines(r.component, r.content!).join('\n'));
    for (const c of plan.conflicts) this.warn(c.message);
    for (const n of plan.notes) this.warn(n.message);
    const unused = unusedOverrides(overrides, kitComponents(plan.kit), flags.name);
    if (unused) this.warn(unused);

    const steps = promotionSteps(source.label, target.label, plan.targetHasKit, plan.scope?.length);
    const result: DatakitPromoteResult = {
      kit: flags.name,
      sourceOrg: source.label,
      targetOrg: target.label,
      dryRun: Boolean(flags['dry-run']),
      forced: Boolean(flags.force),
      ...(plan.scope ? { components: plan.scope.map((c) => `${c.type}:${c.name}`) } : {}),
      rows: plan.diff.rows,
      conflicts: plan.conflicts,
      notes: plan.notes,
      plan: steps,
    };
    if (plan.upToDate) {
      this.logSuccess(messages.getMessage('info.upToDate', [flags.name, target.label, source.label]));
      return result;
    }
    this.log(messages.getMessage('info.plan', [numberedSteps(steps)]));
    const apiVersion = flags['api-version'] ?? (await commonApiVersion(sourceOrg, targetOrg));
    const carry = {
      source,
      target,
      kitName: flags.name,
      plan,
      ux: this.jobUx,
      progress: this.progressDisplay,
      overrides,
      outputDir: flags['output-dir'],
      waitMinutes: flags.wait.minutes,
      apiVersion,
    };
    if (flags['dry-run']) return this.preflight(result, carry, unused);
    if (plan.conflicts.length && !flags.force) {
      throw messages.createError(
        'error.Conflicts',
        [flags.name, target.label, plan.conflicts.length, plan.conflicts.map((c) => `  - ${c.message}`).join('\n')],
        [flags.name, orgLabelFor(sourceOrg), orgLabelFor(targetOrg)]
      );
    }
    const { release, writer } = change!;
    // the kit as the target has it now, for a rollback (a kit new to the target has nothing to keep)
    if (plan.targetHasKit)
      await this.snapshotFor(
        release,
        target.client,
        plan.diff.rows.filter((r) => r.difference !== 'added').map((r) => refOfKey(r.component)),
        flags.wait.minutes
      );
    const carried = await carryOutPromotion({
      ...carry,
      release,
      writer,
      force: flags.force,
      nextCommand: promoteCommand(flags.name, sourceOrg, targetOrg),
    });
    if (carried.stopped) process.exitCode = EXIT.inProgress;
    const live = !carried.stopped && (!carried.unwrap?.job || carried.unwrap.job.outcome === 'Succeeded');
    if (!flags.verify || !live) return { ...result, ...carried };
    const kit = await findKit(target.client, flags.name, this.lookupContext(targetOrg));
    return { ...result, ...carried, verify: await this.verifyAfter(target.client, kit, targetOrg, overrides) };
  }

  /** --dry-run: everything the target can say without a change, and go (exit 0) or no-go (exit 1). */
  private async preflight(
    result: DatakitPromoteResult,
    carry: PreflightOptions,
    unused: string | undefined
  ): Promise<DatakitPromoteResult> {
    this.spinner.start(messages.getMessage('info.preflight', [carry.target.label, carry.apiVersion]));
    const findings = await preflight(carry);
    this.spinner.stop();
    if (findings.length)
      this.printTable(findingsTable(findings), messages.getMessage('info.preflightTitle', [carry.target.label]));
    const errors = errorsIn(findings).length + result.conflicts.length + (unused ? 1 : 0);
    this.log(messages.getMessage('info.dryRun'));
    if (errors) this.log(messages.getMessage('info.noGo', [errors]));
    else this.logSuccess(messages.getMessage('info.go', [result.kit, carry.target.label]));
    process.exitCode = errors ? 1 : 0;
    return { ...result, preflight: { go: errors === 0, findings } };
  }
}
