/*
 * Can this process write there? Checked before any request, so a bad output path never costs a finished job.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

/** Why a folder cannot be written (or created), or undefined when it can. */
export async function folderProblem(dir: string): Promise<string | undefined> {
  let target = resolve(dir);
  for (;;) {
    const found = await stat(target).catch(() => undefined);
    if (found && !found.isDirectory()) return messages.getMessage('path.fileNotFolder', [target]);
    if (found) break;
    if (dirname(target) === target) return messages.getMessage('path.missing', [target]);
    target = dirname(target);
  }
  return access(target, constants.W_OK).then(
    () => undefined,
    () => messages.getMessage('path.notWritable', [target])
  );
}

/** Why a file cannot be written (or created), or undefined when it can. */
export async function fileProblem(file: string): Promise<string | undefined> {
  const target = resolve(file);
  const found = await stat(target).catch(() => undefined);
  if (found?.isDirectory()) return messages.getMessage('path.folderNotFile', [target]);
  if (found)
    return access(target, constants.W_OK).then(
      () => undefined,
      () => messages.getMessage('path.notWritable', [target])
    );
  return folderProblem(dirname(target));
}
