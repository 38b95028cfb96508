import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { recordIdsIn } from '../../content/recordIds.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { validateExitCodes } from '../../cli/exitCodeHelp.js';
import { developerName, orgLabel } from '../../cli/flags.js';
import { findRemovals } from '../../source/clean.js';
import { readKitProject } from '../../source/kitSource.js';
import { defaultSourceDirs } from '../../source/projectDirs.js';
import { sourceProblems, targetFactsOf, targetProblems, type Problem } from '../../source/validate.js';
import { findingsTable } from '../../output/tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.validate');

export type DatakitValidateResult = {
  valid: boolean;
  kits: string[];
  sourceDirs: string[];
  targetOrg?: string;
  problems: Problem[];
};

export default class DatakitValidate extends DatakitCommand<DatakitValidateResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = validateExitCodes;

  public static readonly flags = {
    'target-org': Flags.optionalOrg(),
    'api-version': Flags.orgApiVersion(),
    'source-dir': Flags.directory({
      char: 'd',
      exists: true,
      multiple: true,
      summary: messages.getMessage('flags.source-dir.summary'),
    }),
    name: Flags.string({
      char: 'n',
      summary: messages.getMessage('flags.name.summary'),
      parse: (input) => Promise.resolve(developerName(input)),
    }),
  };

  public async run(): Promise<DatakitValidateResult> {
    const { flags } = await this.parse(DatakitValidate);
    const dirs = flags['source-dir'] ?? (await defaultSourceDirs());
    const project = await readKitProject(dirs);
    const kits = project.kits.map((k) => k.name).filter((k) => !flags.name || k === flags.name);
    if (kits.length === 0 && project.orphans.length === 0)
      throw messages.createError('error.NoKits', [
        flags.name ? `${dirs.join(', ')} named ${flags.name}` : dirs.join(', '),
      ]);

    const removals = (await Promise.all(dirs.map(findRemovals))).flat();
    const org = flags['target-org'];
    const target = org
      ? await targetFactsOf(DataKitClient.forOrg(org, flags['api-version']), orgLabel(org))
      : undefined;
    // record ids are the org's the files were exported from (G2): a deploy of this folder carries them as they are
    const ids = await recordIdsIn(process.cwd(), project.files);
    const problems = [
      ...sourceProblems(project, removals, flags.name),
      ...(await targetProblems(project, target, flags.name)),
      ...ids.map(
        (id): Problem => ({
          severity: 'warning',
          check: 'orgIds',
          file: id.file,
          message: messages.getMessage('problem.recordId', [id.id, id.file, id.path]),
        })
      ),
    ];
    const errors = problems.filter((p) => p.severity === 'error');
    if (problems.length) {
      this.printTable(findingsTable(problems));
      this.log(messages.getMessage('info.found', [errors.length, problems.length - errors.length, kits.length]));
    } else {
      this.logSuccess(
        messages.getMessage('info.clean', [
          kits.length,
          kits.join(', '),
          target ? messages.getMessage('info.againstOrg', [target.org]) : '',
        ])
      );
    }
    if (errors.length) process.exitCode = 1;
    return {
      valid: errors.length === 0,
      kits,
      sourceDirs: dirs,
      ...(target ? { targetOrg: target.org } : {}),
      problems,
    };
  }
}
