/*
 * A kit's verification, printed: the items' table and one line that says whether the kit works. Through a JobUx,
 * so the post-deploy hook prints it on stderr like its other output.
 */
import { Messages } from '@salesforce/core';
import type { JobUx } from '../shared/ux.js';
import type { KitVerification } from '../verify/verifyKit.js';
import { verifyTable } from './tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'verify');

export function printVerification(ux: JobUx, v: KitVerification, where: string, summary = true): void {
  const table = verifyTable(v.items);
  if (table.rows.length) ux.table(table.rows, table.columns, messages.getMessage('info.title', [v.kit, where]));
  if (!summary) return;
  if (v.open === 0) ux.success(messages.getMessage('info.allDone', [v.kit, where, v.items.length]));
  else ux.warn(messages.getMessage('info.open', [v.kit, where, v.open, v.items.length]));
}
