/*
 * The credential re-activation checklist as text.
 */
import { Messages } from '@salesforce/core';
import type { ChecklistItem } from '../kits/checklist.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'checklist');

export function formatChecklist(kit: string, items: ChecklistItem[]): string {
  if (items.length === 0) return messages.getMessage('text.empty', [kit]);
  // indented under the title; messages are trimmed, so the layout's spaces are added here
  const lines = items.map(
    (i) =>
      '  ' +
      messages.getMessage('text.item', [
        i.component,
        i.connection ? ` ${messages.getMessage('text.connection', [i.connection])}` : '',
        i.action,
      ])
  );
  return [messages.getMessage('text.title', [kit]), ...lines].join('\n');
}
