/*
 * Flags shared by several commands.
 */
import { Flags } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

export const kitNameFlag = Flags.string({
  char: 'n',
  summary: messages.getMessage('flags.name.summary'),
  required: true,
});

export const dataSpaceFlag = Flags.string({
  char: 's',
  summary: messages.getMessage('flags.data-space.summary'),
  description: messages.getMessage('flags.data-space.description'),
});

/** Where the org is named in messages: its alias or username. */
export const orgLabel = (org: { getUsername(): string | undefined }): string => `org ${org.getUsername() ?? 'target-org'}`;
