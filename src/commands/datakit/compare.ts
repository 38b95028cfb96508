import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { KitDiff } from '../../compare/diff.js';
import type { KitState } from '../../compare/kitState.js';
import { compareExitCodes } from '../../shared/exitCodes.js';
import { kitNameFlag, orgLabel, resolveSourceOrg, sourceOrgOptions } from '../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.compare');

export type DatakitCompareResult = KitDiff & { kit: string; source: KitState; target: KitState };

export default class DatakitCompare extends SfCommand<DatakitCompareResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = compareExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'source-org': Flags.string({ ...sourceOrgOptions, exactlyOne: ['source-org', 'source-dir'] }),
    'source-dir': Flags.directory({ char: 'd', exists: true, summary: messages.getMessage('flags.source-dir.summary'), exactlyOne: ['source-org', 'source-dir'] }),
    'include-status': Flags.boolean({ summary: messages.getMessage('flags.include-status.summary') }),
  };

  public async run(): Promise<DatakitCompareResult> {
    const { flags } = await this.parse(DatakitCompare);
    const { DataKitClient } = await import('../../api/client.js');
    const { kitStateInOrg, kitStateInSource } = await import('../../compare/kitState.js');
    const { diffKits } = await import('../../compare/diff.js');
    const { formatDiffRows } = await import('../../output/compare.js');
    const target = flags['target-org'];
    const targetLabel = orgLabel(target);
    const sourceOrg = flags['source-org'] ? await resolveSourceOrg(flags['source-org']) : undefined;
    let source: KitState;
    if (sourceOrg) {
      const { findKit } = await import('../../kits/kits.js');
      const client = DataKitClient.forOrg(sourceOrg, flags['api-version']);
      await findKit(client, flags.name, orgLabel(sourceOrg));
      source = await kitStateInOrg(client, flags.name, orgLabel(sourceOrg));
    } else {
      const { readSourceKits } = await import('../../source/kitSource.js');
      const dir = flags['source-dir']!;
      const kits = await readSourceKits(dir);
      const kit = kits.find((k) => k.name === flags.name);
      if (!kit) {
        const { closest } = await import('../../shared/suggest.js');
        const near = closest(flags.name, kits.map((k) => k.name));
        throw messages.createError('error.KitNotInSource', [flags.name, dir, near.length ? ` Did you mean: ${near.join(', ')}?` : kits.length ? ` It has: ${kits.map((k) => k.name).join(', ')}.` : ''], [], 1);
      }
      source = kitStateInSource(kit, dir);
    }
    const targetState = await kitStateInOrg(DataKitClient.forOrg(target, flags['api-version']), flags.name, targetLabel);
    const diff = diffKits(source, targetState, flags['include-status']);

    for (const c of diff.kitChanges) this.log(messages.getMessage('info.kitChange', [flags.name, c.field, c.source, source.where, c.target, targetLabel]));
    this.table({ data: formatDiffRows(diff.rows), columns: ['component', 'difference', { key: 'source', name: source.where }, { key: 'target', name: targetLabel }] });
    if (diff.equal) {
      this.logSuccess(messages.getMessage('info.equal', [flags.name, source.where, targetLabel]));
    } else {
      const counts = [['added', diff.added], ['removed', diff.removed], ['changed', diff.changed]].filter(([, l]) => l.length).map(([n, l]) => `${l.length} ${n as string}`);
      if (flags['include-status'] && diff.statusDiffers.length) counts.push(`${diff.statusDiffers.length} with another status`);
      if (diff.kitChanges.length) counts.push('kit settings differ');
      this.log(messages.getMessage('info.different', [flags.name, source.where, targetLabel, counts.join(', ')]));
      process.exitCode = 1;
    }
    return { kit: flags.name, ...diff, source, target: targetState };
  }
}
