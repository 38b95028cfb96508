/*
 * The flags of deploy report and deploy resume, and which org they mean: --target-org when typed, otherwise the
 * org the cache recorded for the job, and only then the configured default org.
 */
import { Messages, type Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { parseJobId } from '../jobs/resolve.js';
import { junitFlag, resultsDirFlag } from './flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy.jobflags');

export const jobFlags = {
  'target-org': Flags.optionalOrg({ summary: messages.getMessage('flags.target-org.summary') }),
  'api-version': Flags.orgApiVersion(),
  'job-id': Flags.string({
    char: 'i',
    summary: messages.getMessage('flags.job-id.summary'),
    exactlyOne: ['use-most-recent', 'job-id'],
    parse: (input) => Promise.resolve(parseJobId(input)),
  }),
  'use-most-recent': Flags.boolean({
    char: 'r',
    summary: messages.getMessage('flags.use-most-recent.summary'),
    exactlyOne: ['use-most-recent', 'job-id'],
  }),
  junit: junitFlag,
  'results-dir': resultsDirFlag,
};

/** --target-org as typed (undefined when it only holds the default), and the default org. */
export function jobOrgs(
  org: Org | undefined,
  metadata: { flags: Record<string, { setFromDefault?: boolean } | undefined> }
): { explicitOrg?: Org; defaultOrg?: Org } {
  return metadata.flags['target-org']?.setFromDefault ? { defaultOrg: org } : { explicitOrg: org, defaultOrg: org };
}
