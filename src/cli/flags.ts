/*
 * Flags shared by several commands. Values are checked while flags are parsed, so a bad one exits 2 before any
 * request is sent.
 */
import { Messages, Org, SfError, StateAggregator } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { Flags } from '@salesforce/sf-plugins-core';
import { EXIT } from '../shared/exitCodes.js';
import { isDeveloperName } from '../shared/names.js';

/** A flag value that cannot be read: exit 2, whether or not the CLI maps flag errors to 2 itself. */
const badValue = (message: string): SfError => new SfError(message, 'InvalidFlagValue', undefined, EXIT.usage);

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

export function developerName(input: string): string {
  const name = input.trim();
  if (!isDeveloperName(name)) throw badValue(messages.getMessage('error.InvalidName', [input]));
  return name;
}

export const kitNameFlag = Flags.string({
  char: 'n',
  summary: messages.getMessage('flags.name.summary'),
  required: true,
  parse: (input) => Promise.resolve(developerName(input)),
});

export const dataSpaceFlag = Flags.string({
  char: 's',
  summary: messages.getMessage('flags.data-space.summary'),
  description: messages.getMessage('flags.data-space.description'),
  parse: (input) => Promise.resolve(developerName(input)),
});

/** Where the org is named in messages: its alias or username. */
export const orgLabel = (org: { getUsername(): string | undefined }): string =>
  `org ${org.getUsername() ?? 'target-org'}`;

/** Whole minutes, 0 or more (sf-plugins-core's duration flag does not enforce its own minimum). */
export const minutesFlag = Flags.custom<Duration>({
  helpValue: '<minutes>',
  parse: (input) => {
    const minutes = Number(input);
    if (!/^\s*\d+\s*$/.test(input) || !Number.isSafeInteger(minutes)) {
      return Promise.reject(badValue(messages.getMessage('error.InvalidWait', [input])));
    }
    return Promise.resolve(Duration.minutes(minutes));
  },
});

/** --wait of every command that starts or watches a job. */
export const waitFlag = minutesFlag({
  char: 'w',
  summary: messages.getMessage('flags.wait.summary'),
  description: messages.getMessage('flags.wait.description'),
  // a whole kit takes 25-45 minutes on real orgs (docs/api-notes.md §11 F6)
  default: Duration.minutes(60),
  exclusive: ['async'],
});

export const asyncFlag = Flags.boolean({
  summary: messages.getMessage('flags.async.summary'),
  exclusive: ['wait'],
});

export const junitFlag = Flags.boolean({ summary: messages.getMessage('flags.junit.summary') });

export const resultsDirFlag = Flags.string({
  summary: messages.getMessage('flags.results-dir.summary'),
  dependsOn: ['junit'],
});

/** Deploy config overrides per component name: the target org's connection names and the like. */
export const configFileFlag = Flags.file({
  exists: true,
  summary: messages.getMessage('flags.config-file.summary'),
  description: messages.getMessage('flags.config-file.description'),
});

const governance = Messages.loadMessages('@sfdatakit/plugin-datakit', 'governance');

export const reasonFlag = Flags.string({ summary: governance.getMessage('flags.reason.summary') });

export const noPromptFlag = Flags.boolean({ char: 'p', summary: messages.getMessage('flags.no-prompt.summary') });

/**
 * The org a kit comes from, for two-org commands. A plain string on purpose: an org flag would default to the
 * configured target-org, which would silently compare or promote an org with itself.
 */
export const sourceOrgOptions = {
  summary: messages.getMessage('flags.source-org.summary'),
  helpValue: '<username or alias>',
};

/** Two-org commands refuse one org on both sides (exit 2), before any request. */
export function refuseSameOrg(source: Org, target: Org): void {
  if (source.getOrgId().slice(0, 15) === target.getOrgId().slice(0, 15))
    throw messages.createError('error.SameOrg', [source.getOrgId()], [], EXIT.usage);
}

/** The org for a --source-org value, or a clear error naming it when it is not logged in. */
export async function resolveSourceOrg(aliasOrUsername: string): Promise<Org> {
  const state = await StateAggregator.getInstance();
  const username = state.aliases.resolveUsername(aliasOrUsername);
  if (!(await state.orgs.hasFile(username)))
    throw messages.createError('error.SourceOrgNotFound', [aliasOrUsername], [aliasOrUsername]);
  return Org.create({ aliasOrUsername: username });
}

const verifyMessages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'verify');

/** --verify: run "sf datakit verify" at the end of a command that deployed a kit */
export const verifyFlag = Flags.boolean({ summary: verifyMessages.getMessage('flags.verify.summary') });
