/*
 * The EXIT CODES help section of each kind of command (words in messages/exitCodes.md).
 */
import { Messages } from '@salesforce/core';
import { toHelpSection } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'exitCodes');

const section = (codes: Record<string, string>): ReturnType<typeof toHelpSection> =>
  toHelpSection(
    messages.getMessage('title'),
    Object.fromEntries(Object.entries(codes).map(([code, key]) => [code, messages.getMessage(key)]))
  );

/** For commands that either do the whole thing or fail. */
export const simpleExitCodes = section({ '0': 'simple.0', '1': 'simple.1', '2': 'usage', '130': 'interrupted' });

/** For commands that start or watch a deploy, undeploy or unwrap job. */
export const jobExitCodes = section({
  '0': 'job.0',
  '1': 'job.1',
  '2': 'usage',
  '68': 'job.68',
  '69': 'job.69',
  '130': 'interrupted',
});

/** For deploy report, which describes a job whatever its state. */
export const reportExitCodes = section({ '0': 'report.0', '1': 'report.1', '2': 'usage' });

/** For comparisons used as CI gates. */
export const compareExitCodes = section({ '0': 'compare.0', '1': 'compare.1', '2': 'usage' });

/** For checks that gate a deploy. */
export const validateExitCodes = section({ '0': 'validate.0', '1': 'validate.1', '2': 'usage' });

/** For verify: open items fail it; --activate's runs end like a job's. */
export const verifyExitCodes = section({
  '0': 'verify.0',
  '1': 'verify.1',
  '2': 'usage',
  '68': 'verify.68',
  '69': 'verify.69',
  '130': 'interrupted',
});
