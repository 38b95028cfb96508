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

/** Flags of every command that starts or watches a job. */
export const waitFlag = Flags.duration({
  unit: 'minutes',
  char: 'w',
  summary: messages.getMessage('flags.wait.summary'),
  description: messages.getMessage('flags.wait.description'),
  defaultValue: 30,
  min: 0,
  helpValue: '<minutes>',
  exclusive: ['async'],
});

export const asyncFlag = Flags.boolean({
  summary: messages.getMessage('flags.async.summary'),
  exclusive: ['wait'],
});

export const junitFlag = Flags.boolean({ summary: messages.getMessage('flags.junit.summary') });

export const resultsDirFlag = Flags.directory({
  summary: messages.getMessage('flags.results-dir.summary'),
  dependsOn: ['junit'],
});

/** Deploy config overrides per component name: the target org's connection names and the like. */
export const configFileFlag = Flags.file({
  exists: true,
  summary: messages.getMessage('flags.config-file.summary'),
  description: messages.getMessage('flags.config-file.description'),
});

export const noPromptFlag = Flags.boolean({ char: 'p', summary: messages.getMessage('flags.no-prompt.summary') });

/**
 * The org a kit comes from, for two-org commands. A plain string on purpose: an org flag would default to the
 * configured target-org, which would silently compare or promote an org with itself.
 */
export const sourceOrgOptions = {
  summary: messages.getMessage('flags.source-org.summary'),
  helpValue: '<username or alias>',
};

/** The org for a --source-org value, or a clear error naming it when it is not logged in. */
export async function resolveSourceOrg(aliasOrUsername: string): Promise<import('@salesforce/core').Org> {
  const { Org, StateAggregator } = await import('@salesforce/core');
  const state = await StateAggregator.getInstance();
  const username = state.aliases.resolveUsername(aliasOrUsername);
  if (!(await state.orgs.hasFile(username))) throw messages.createError('error.SourceOrgNotFound', [aliasOrUsername], [aliasOrUsername]);
  return Org.create({ aliasOrUsername: username });
}
