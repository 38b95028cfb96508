/*
 * Output paths given in flags are checked before any request (exit 2): a folder that cannot be written, or a file
 * path that is a folder, must not cost a finished job or show up as a raw EISDIR.
 */
import { Messages, SfError } from '@salesforce/core';
import { EXIT } from '../shared/exitCodes.js';
import { fileProblem, folderProblem } from '../shared/writable.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

const refuse = (flag: string, problem: string): SfError =>
  new SfError(
    messages.getMessage('error.OutputPath', [flag, problem]),
    'OutputPathNotWritable',
    messages.getMessages('error.OutputPath.actions', [flag]),
    EXIT.usage
  );

/** --results-dir (or, unset, the default datakit-results folder). */
export async function checkResultsDir(dir: string | undefined): Promise<void> {
  const problem = await folderProblem(dir ?? 'datakit-results');
  if (problem) throw refuse('--results-dir', problem);
}

export async function checkOutputFile(flag: string, file: string | undefined): Promise<void> {
  const problem = file === undefined ? undefined : await fileProblem(file);
  if (problem) throw refuse(flag, problem);
}

export async function checkOutputFolder(flag: string, dir: string | undefined): Promise<void> {
  const problem = dir === undefined ? undefined : await folderProblem(dir);
  if (problem) throw refuse(flag, problem);
}
