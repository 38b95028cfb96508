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
import type { ComponentRow } from '../../compare/diff.js';
import { readConfigOverrides, unusedOverrides } from '../../deploy/configFile.js';
import { kitComponents } from '../../kits/components.js';
import { diffTable } from '../../output/compare.js';
import { numberedSteps, promotionSteps } from '../../output/promotionPlan.js';
import type { Conflict } from '../../promote/conflicts.js';
import { carryOutPromotion, planPromotion, type MetadataMoved, type PromotionSide } from '../../promote/promotion.js';
import type { UnwrapOutcome } from '../../unwrap/unwrapAndWatch.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.promote');

export type DatakitPromoteResult = {
  kit: string;
  sourceOrg: string;
  targetOrg: string;
  dryRun: boolean;
  forced: boolean;
  rows: ComponentRow[];
  conflicts: Conflict[];
  plan: string[];
  metadata?: MetadataMoved;
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

    const targetOrg = flags['target-org'];
    const sourceOrg = await resolveSourceOrg(flags['source-org']);
    refuseSameOrg(sourceOrg, targetOrg);
    const side = (org: Org): PromotionSide => ({
      org,
      client: DataKitClient.forOrg(org, flags['api-version']),
      label: orgLabel(org),
      lookup: this.lookupContext(org),
    });
    const [source, target] = [side(sourceOrg), side(targetOrg)];
    this.log(messages.getMessage('info.start', [flags.name, source.label, target.label]));

    const plan = await planPromotion(source, target, flags.name);
    this.printTable(diffTable(plan.diff.rows, source.label, target.label));
    for (const c of plan.conflicts) this.warn(c.message);
    const unused = unusedOverrides(overrides, kitComponents(plan.kit), flags.name);
    if (unused) this.warn(unused);

    const steps = promotionSteps(source.label, target.label, plan.targetHasKit);
    const result: DatakitPromoteResult = {
      kit: flags.name,
      sourceOrg: source.label,
      targetOrg: target.label,
      dryRun: Boolean(flags['dry-run']),
      forced: Boolean(flags.force),
      rows: plan.diff.rows,
      conflicts: plan.conflicts,
      plan: steps,
    };
    if (plan.upToDate) {
      this.logSuccess(messages.getMessage('info.upToDate', [flags.name, target.label, source.label]));
      return result;
    }
    this.log(messages.getMessage('info.plan', [numberedSteps(steps)]));
    if (flags['dry-run']) {
      this.log(messages.getMessage('info.dryRun'));
      if (plan.conflicts.length || unused) process.exitCode = 1;
      return result;
    }
    if (plan.conflicts.length && !flags.force) {
      throw messages.createError(
        'error.Conflicts',
        [flags.name, target.label, plan.conflicts.length, plan.conflicts.map((c) => `  - ${c.message}`).join('\n')],
        [flags.name, sourceOrg.getUsername() ?? source.label, targetOrg.getUsername() ?? target.label]
      );
    }
    const outcome = await carryOutPromotion({
      source,
      target,
      kitName: flags.name,
      ux: this.jobUx,
      progress: this.progressDisplay,
      overrides,
      outputDir: flags['output-dir'],
      waitMinutes: flags.wait.minutes,
    });
    return { ...result, ...outcome };
  }
}
