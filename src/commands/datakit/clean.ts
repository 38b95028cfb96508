import { rm } from 'node:fs/promises';
import { Messages, type Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { simpleExitCodes } from '../../cli/exitCodeHelp.js';
import { noPromptFlag, orgLabel, reasonFlag } from '../../cli/flags.js';
import { checkOutputFile } from '../../cli/outputPaths.js';
import { restoreKeyQualifiers } from '../../metadata/restoreKeyQualifiers.js';
import { applyRemovals, findRemovals, type Removal } from '../../source/clean.js';
import { DEFAULT_RESTORE_FILE, readRestoreFile, writeRestoreFile } from '../../source/restoreFile.js';
import { defaultSourceDirs } from '../../source/projectDirs.js';
import { readKitProject } from '../../source/kitSource.js';
import { removalsTable } from '../../output/tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.clean');

export type DatakitCleanResult = { dryRun: boolean; removed: Removal[]; restoreFile: string; restored?: string[] };

/**
 * The kit a key-qualifier restore is recorded under: the project's kit holding one of those objects, else the
 * project's first kit; fields with no kit around them are filed under Key_Qualifiers.
 */
async function kitOfFields(members: string[]): Promise<string> {
  const objects = new Set(members.map((m) => m.split('.')[0]));
  const { kits } = await readKitProject(await defaultSourceDirs()).catch(() => ({ kits: [] }));
  return (kits.find((k) => k.components.some((c) => objects.has(c.name))) ?? kits[0])?.name ?? 'Key_Qualifiers';
}

export default class DatakitClean extends DatakitCommand<DatakitCleanResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.optionalOrg(),
    'api-version': Flags.orgApiVersion(),
    'source-dir': Flags.directory({
      char: 'd',
      exists: true,
      multiple: true,
      summary: messages.getMessage('flags.source-dir.summary'),
    }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), exclusive: ['restore'] }),
    restore: Flags.boolean({
      summary: messages.getMessage('flags.restore.summary'),
      exclusive: ['dry-run', 'source-dir'],
    }),
    'restore-file': Flags.file({ summary: messages.getMessage('flags.restore-file.summary') }),
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
  };

  public async run(): Promise<DatakitCleanResult> {
    const { flags } = await this.parse(DatakitClean);
    const restoreFile = flags['restore-file'] ?? DEFAULT_RESTORE_FILE;
    if (!flags.restore && !flags['dry-run']) await checkOutputFile('--restore-file', restoreFile);
    if (flags.restore)
      return this.restore(restoreFile, flags['target-org'], {
        apiVersion: flags['api-version'],
        noPrompt: flags['no-prompt'],
        reason: flags.reason,
      });

    const dirs = flags['source-dir'] ?? (await defaultSourceDirs());
    const found = await Promise.all(dirs.map(async (dir) => ({ dir, removals: await findRemovals(dir) })));
    const removed = found.flatMap((f) => f.removals);
    const dryRun = Boolean(flags['dry-run']);
    if (removed.length === 0) {
      this.logSuccess(messages.getMessage('info.nothing', [dirs.join(', ')]));
      return { dryRun, removed, restoreFile };
    }
    this.printTable(removalsTable(removed));
    if (dryRun) {
      this.log(messages.getMessage('info.dryRun', [removed.length]));
      return { dryRun, removed, restoreFile };
    }
    let restore = await readRestoreFile(restoreFile);
    for (const f of found) {
      restore = await applyRemovals(f.dir, f.removals, restore);
    }
    await writeRestoreFile(restoreFile, restore!);
    this.logSuccess(messages.getMessage('info.removed', [removed.length, restore!.fields.length, restoreFile]));
    return { dryRun, removed, restoreFile };
  }

  private async restore(
    restoreFile: string,
    org: Org | undefined,
    opts: { apiVersion?: string; noPrompt?: boolean; reason?: string }
  ): Promise<DatakitCleanResult> {
    const restore = await readRestoreFile(restoreFile);
    if (!restore) throw messages.createError('error.NoRestoreFile', [restoreFile]);
    if (!org) throw messages.createError('error.RestoreNeedsOrg');
    const members = restore.fields.map((f) => f.member);
    const change = await this.openChange(org, {
      kit: await kitOfFields(members),
      what: messages.getMessage('what', [members.length]),
      ...opts,
    });
    const outcome = await restoreKeyQualifiers(change.writer, restore, opts.apiVersion);
    await this.recordRelease(change.release, {
      outcome: outcome && !outcome.success ? 'Failed' : 'Succeeded',
      components: members.map((m) => ({ component: `CustomField:${m}` })),
      ...(outcome ? { metadataDeployId: outcome.id } : {}),
    });
    if (outcome && !outcome.success) {
      throw messages.createError('error.RestoreFailed', [
        orgLabel(org),
        outcome.id,
        outcome.failures.map((f) => `  - ${f.fullName}: ${f.problem}`).join('\n'),
      ]);
    }
    await rm(restoreFile, { force: true });
    this.logSuccess(
      messages.getMessage('info.restored', [members.length, orgLabel(org), members.join(', '), restoreFile])
    );
    return { dryRun: false, removed: [], restoreFile, restored: members };
  }
}
