/*
 * Table column headers, named once in messages/columns.md for every table the plugin prints.
 */
import { Messages } from '@salesforce/core';
import type { TableColumn } from '../shared/ux.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'columns');

/** The column of `key`, headed by the words of `header` (defaults to the key). */
export const column = <K extends string>(key: K, header: string = key): TableColumn & { key: K } => ({
  key,
  name: messages.getMessage(header),
});
