/*
 * --results-dir is checked before any request: a folder that cannot be written must not cost a finished job.
 */
import { Messages, SfError } from '@salesforce/core';
import { resultsDirProblem } from '../output/junit.js';
import { EXIT } from '../shared/exitCodes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy');

export async function checkResultsDir(dir: string | undefined): Promise<void> {
  const problem = await resultsDirProblem(dir);
  if (problem) throw new SfError(messages.getMessage('error.ResultsDir', [problem]), 'ResultsDirNotWritable', messages.getMessages('error.ResultsDir.actions'), EXIT.usage);
}
