/*
 * Can this process write there? Checked before any request, so a bad output path never costs a finished job.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Why a folder cannot be written (or created), or undefined when it can. */
export async function folderProblem(dir: string): Promise<string | undefined> {
  let target = resolve(dir);
  for (;;) {
    const found = await stat(target).catch(() => undefined);
    if (found && !found.isDirectory()) return `${target} is a file, not a folder`;
    if (found) break;
    if (dirname(target) === target) return `${target} does not exist`;
    target = dirname(target);
  }
  return access(target, constants.W_OK).then(
    () => undefined,
    () => `${target} is not writable`
  );
}

/** Why a file cannot be written (or created), or undefined when it can. */
export async function fileProblem(file: string): Promise<string | undefined> {
  const target = resolve(file);
  const found = await stat(target).catch(() => undefined);
  if (found?.isDirectory()) return `${target} is a folder, not a file`;
  if (found)
    return access(target, constants.W_OK).then(
      () => undefined,
      () => `${target} is not writable`
    );
  return folderProblem(dirname(target));
}
