import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient, HISTORY_ROWS } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { simpleExitCodes } from '../../cli/exitCodeHelp.js';
import { kitNameFlag, orgLabel } from '../../cli/flags.js';
import { historyTable } from '../../output/tables.js';
import { kitHistory, type HistoryEntry } from '../../releases/history.js';
import { readReleases } from '../../releases/records.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.history');

export type DatakitHistoryResult = {
  kit: string;
  entries: HistoryEntry[];
  /** release records that were not read, and why */
  refused: Array<{ file: string; reason: string }>;
};

export default class DatakitHistory extends DatakitCommand<DatakitHistoryResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    limit: Flags.integer({ summary: messages.getMessage('flags.limit.summary'), min: 1, max: 500, default: 50 }),
  };

  public async run(): Promise<DatakitHistoryResult> {
    const { flags } = await this.parse(DatakitHistory);
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);
    this.spinner.start(messages.getMessage('info.reading', [flags.name, orgLabel(org)]));
    const [rows, releases] = await Promise.all([client.deploymentHistory(flags.name), readReleases(flags.name)]);
    this.spinner.stop();
    // the log is read newest first up to a bound: older entries may be missing, and the output says so
    if (rows.length >= HISTORY_ROWS)
      this.warn(messages.getMessage('warning.truncated', [rows.length, rows.at(-1)?.createdDate ?? '?']));
    for (const r of releases.refused) this.warn(messages.getMessage('warning.refused', [r.file, r.reason]));
    const entries = kitHistory(rows, releases.records, org.getOrgId()).slice(0, flags.limit);
    if (entries.length === 0) this.info(messages.getMessage('info.none', [flags.name, orgLabel(org)]));
    else this.printTable(historyTable(entries), messages.getMessage('info.title', [flags.name, orgLabel(org)]));
    return { kit: flags.name, entries, refused: releases.refused };
  }
}
