import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { compareExitCodes } from '../../cli/exitCodeHelp.js';
import { kitNameFlag, orgLabel, refuseSameOrg, resolveSourceOrg, sourceOrgOptions } from '../../cli/flags.js';
import { diffKits, type ContentSides, type KitDiff } from '../../compare/diff.js';
import { kitContentInOrg } from '../../content/orgContent.js';
import { kitContentOfDir, type KitContent } from '../../content/kitContent.js';
import { kitStateInOrg, kitStateInSource, withOrgTypes, type KitState } from '../../compare/kitState.js';
import { findKit } from '../../kits/kits.js';
import { contentDiffs, contentLines, diffTable } from '../../output/compare.js';
import { closest, didYouMean } from '../../shared/suggest.js';
import { readSourceKits } from '../../source/kitSource.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.compare');

export type DatakitCompareResult = KitDiff & { kit: string; source: KitState; target: KitState };

export default class DatakitCompare extends DatakitCommand<DatakitCompareResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = compareExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'source-org': Flags.string({ ...sourceOrgOptions, exactlyOne: ['source-org', 'source-dir'] }),
    'source-dir': Flags.directory({
      char: 'd',
      exists: true,
      summary: messages.getMessage('flags.source-dir.summary'),
      exactlyOne: ['source-org', 'source-dir'],
    }),
    'include-status': Flags.boolean({ summary: messages.getMessage('flags.include-status.summary') }),
    content: Flags.boolean({ default: true, allowNo: true, summary: messages.getMessage('flags.content.summary') }),
    diff: Flags.boolean({ summary: messages.getMessage('flags.diff.summary') }),
  };

  public async run(): Promise<DatakitCompareResult> {
    const { flags } = await this.parse(DatakitCompare);
    const target = flags['target-org'];
    const targetLabel = orgLabel(target);
    const sourceOrg = flags['source-org'] ? await resolveSourceOrg(flags['source-org']) : undefined;
    if (sourceOrg) refuseSameOrg(sourceOrg, target);
    const targetClient = DataKitClient.forOrg(target, flags['api-version']);
    const targetState = await kitStateInOrg(targetClient, flags.name, targetLabel);
    let source: KitState;
    let readSourceContent: () => Promise<KitContent>;
    if (sourceOrg) {
      const client = DataKitClient.forOrg(sourceOrg, flags['api-version']);
      await findKit(client, flags.name, this.lookupContext(sourceOrg));
      source = await kitStateInOrg(client, flags.name, orgLabel(sourceOrg));
      readSourceContent = (): Promise<KitContent> => kitContentInOrg(sourceOrg, client, flags.name, source.components);
    } else {
      const dir = flags['source-dir']!;
      const kits = await readSourceKits(dir);
      const kit = kits.find((k) => k.name === flags.name);
      if (!kit) {
        const near = closest(
          flags.name,
          kits.map((k) => k.name)
        );
        throw messages.createError(
          'error.KitNotInSource',
          [
            flags.name,
            dir,
            didYouMean(
              near,
              kits.map((k) => k.name)
            ),
          ],
          [],
          1
        );
      }
      const typed = withOrgTypes(kit, targetState);
      source = kitStateInSource(typed, dir);
      readSourceContent = (): Promise<KitContent> => kitContentOfDir(dir, typed.components);
    }
    let content: ContentSides | undefined;
    if (flags.content) {
      this.spinner.start(messages.getMessage('info.readingContent', [flags.name, source.where, targetLabel]));
      content = {
        source: await readSourceContent(),
        target: targetState.found
          ? await kitContentInOrg(target, targetClient, flags.name, targetState.components)
          : { components: new Map(), unreadable: [] },
      };
      this.spinner.stop();
      for (const u of [...content.source.unreadable, ...content.target.unreadable])
        this.warn(messages.getMessage('warning.unreadable', [u.file, u.reason]));
    }
    const diff = diffKits(source, targetState, flags['include-status'], content);

    for (const c of diff.kitChanges)
      this.log(
        messages.getMessage('info.kitChange', [flags.name, c.field, c.source, source.where, c.target, targetLabel])
      );
    this.printTable(diffTable(diff.rows, source.where, targetLabel));
    for (const r of diff.rows.filter((row) => row.content?.length))
      this.log(contentLines(r.component, r.content!).join('\n'));
    if (flags.diff && content) for (const d of contentDiffs(diff.rows, content, source.where, targetLabel)) this.log(d);
    if (diff.equal) {
      this.logSuccess(messages.getMessage('info.equal', [flags.name, source.where, targetLabel]));
    } else {
      const counted = { added: diff.added, removed: diff.removed, changed: diff.changed, status: diff.statusDiffers };
      if (!flags['include-status']) counted.status = [];
      const counts = Object.entries(counted)
        .filter(([, l]) => l.length)
        .map(([n, l]) => messages.getMessage(`count.${n}`, [l.length]));
      if (diff.kitChanges.length) counts.push(messages.getMessage('count.kitSettings'));
      this.log(messages.getMessage('info.different', [flags.name, source.where, targetLabel, counts.join(', ')]));
      process.exitCode = 1;
    }
    return { kit: flags.name, ...diff, source, target: targetState };
  }
}
