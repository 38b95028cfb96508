/*
 * Exit codes, as `sf project deploy` uses them, and their help sections.
 */
import { toHelpSection } from '@salesforce/sf-plugins-core';

export const EXIT = { success: 0, failure: 1, partial: 68, inProgress: 69 } as const;

const FLAG_ERROR = 'A required flag is missing, or flags that cannot go together were given (the message names them). A flag value that cannot be read exits 1.';

/** For commands that either do the whole thing or fail. */
export const simpleExitCodes = toHelpSection('EXIT CODES', {
  '0': 'Success.',
  '1': 'Failure: the message says what went wrong (unknown kit or component, org error) and what to run next.',
  '2': FLAG_ERROR,
});

/** For commands that start or watch a deploy or undeploy job. */
export const jobExitCodes = toHelpSection('EXIT CODES', {
  '0': 'Every component finished successfully.',
  '1': 'Failure: no component succeeded, or the command could not start or read the job.',
  '2': FLAG_ERROR,
  '68': 'Partial success: some components succeeded and others failed; the failed ones are listed with their errors.',
  '69': 'Still in progress: --wait ran out (or --async). The job keeps running; resume it with the command printed.',
});

/** For comparisons used as CI gates. */
export const compareExitCodes = toHelpSection('EXIT CODES', {
  '0': 'The kit is the same on both sides.',
  '1': 'The kit differs (the table lists each difference), or the comparison could not be made (the message says why).',
  '2': FLAG_ERROR,
});

/** For checks that gate a deploy. */
export const validateExitCodes = toHelpSection('EXIT CODES', {
  '0': 'No errors (warnings may be printed).',
  '1': 'Problems were found (each is listed with what to do), or the check could not run.',
  '2': FLAG_ERROR,
});
