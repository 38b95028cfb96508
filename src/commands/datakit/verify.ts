import { Messages } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { overridesFor, placeOf } from '../../cli/environment.js';
import { verifyExitCodes } from '../../cli/exitCodeHelp.js';
import { configFileFlag, kitNameFlag, minutesFlag, noPromptFlag, orgLabel, reasonFlag } from '../../cli/flags.js';
import type { JobOutcome } from '../../deploy/types.js';
import { findKit } from '../../kits/kits.js';
import { JobProgress } from '../../output/progress.js';
import { runsTable } from '../../output/tables.js';
import { printVerification } from '../../output/verifyReport.js';
import { EXIT_BY_OUTCOME } from '../../deploy/outcome.js';
import { EXIT } from '../../shared/exitCodes.js';
import { withInterrupt } from '../../shared/interrupt.js';
import { activate, runnable, type RunOutcome } from '../../verify/activate.js';
import type { VerifiedItem } from '../../verify/read.js';
import { verifyKit } from '../../verify/verifyKit.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.verify');
const verify = Messages.loadMessages('@sfdatakit/plugin-datakit', 'verify');

export type DatakitVerifyResult = {
  kit: string;
  /** every item, as the org says after --activate's runs when there were any */
  items: VerifiedItem[];
  /** items not done */
  open: number;
  activation?: { outcome: JobOutcome; runs: RunOutcome[] };
};

export default class DatakitVerify extends DatakitCommand<DatakitVerifyResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = verifyExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'config-file': configFileFlag,
    activate: Flags.boolean({ summary: messages.getMessage('flags.activate.summary') }),
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
    wait: minutesFlag({ char: 'w', summary: messages.getMessage('flags.wait.summary'), default: Duration.minutes(30) }),
  };

  public async run(): Promise<DatakitVerifyResult> {
    const { flags } = await this.parse(DatakitVerify);
    const org = flags['target-org'];
    const where = orgLabel(org);
    const overrides = await overridesFor(flags['config-file'], await placeOf(org));
    const client = DataKitClient.forOrg(org, flags['api-version']);
    const kit = await findKit(client, flags.name, this.lookupContext(org));

    this.spinner.start(verify.getMessage('info.reading', [flags.name, where]));
    let verification = await verifyKit(client, kit, org.getOrgId(), overrides);
    this.spinner.stop();
    // with --activate the runs follow: their outcome is the summary
    printVerification(this.jobUx, verification, where, !flags.activate);
    // nothing run: open items fail it
    const checked = (): DatakitVerifyResult => {
      process.exitCode = verification.open ? EXIT.failure : EXIT.success;
      return { kit: flags.name, items: verification.items, open: verification.open };
    };
    if (!flags.activate) return checked();

    const todo = runnable(verification.items);
    if (!todo.length) {
      this.info(verify.getMessage('info.nothingToRun', [flags.name]));
      return checked();
    }
    // runs change what the org holds and spend its credits: through the gate, with a record
    const change = await this.openChange(org, {
      kit: flags.name,
      what: messages.getMessage('what', [flags.name, todo.length]),
      noPrompt: flags['no-prompt'],
      reason: flags.reason,
      apiVersion: flags['api-version'],
    });
    if (
      !change.confirmed &&
      !(await this.confirmOrRefuse(verify.getMessage('prompt.credits', [todo.length, where]), flags['no-prompt']))
    )
      throw verify.createError('error.NotConfirmed', [where]);

    this.log(verify.getMessage('info.activating', [flags.name, where, todo.length]));
    const progress = await JobProgress.start({
      kind: 'activate',
      kit: flags.name,
      org: org.getUsername() ?? where,
      total: todo.length,
      mode: this.progressDisplay,
      write: (line) => this.log(line),
    });
    const activation = await withInterrupt((signal) =>
      activate({
        client: change.writer,
        items: verification.items,
        waitMinutes: flags.wait.minutes,
        signal,
        onProgress: (components) => progress.update({ jobStatus: 'Running', components, polls: 0 }),
      })
    );
    progress.finish({ outcome: activation.outcome, jobStatus: activation.outcome });
    const runs = runsTable(activation.runs);
    this.printTable(runs);
    const count = (outcome: RunOutcome['outcome']): number =>
      activation.runs.filter((r) => r.outcome === outcome).length;
    this.log(
      verify.getMessage('info.activated', [flags.name, where, count('Succeeded'), count('Failed'), count('Open')])
    );

    await this.recordRelease(change.release, {
      outcome: activation.outcome,
      components: activation.runs.map((r) => ({ component: r.component, outcome: `${r.kind}:${r.name}=${r.outcome}` })),
    });
    verification = await verifyKit(client, kit, org.getOrgId(), overrides);
    printVerification(this.jobUx, verification, where);
    // every run went well, but a person still has steps to take (a CRM stream in Setup, an empty input): not done
    process.exitCode =
      activation.outcome === 'Succeeded' && verification.open ? EXIT.failure : EXIT_BY_OUTCOME[activation.outcome];
    return {
      kit: flags.name,
      items: verification.items,
      open: verification.open,
      activation: { outcome: activation.outcome, runs: activation.runs },
    };
  }
}
