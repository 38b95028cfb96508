/*
 * Writing into the project's .sfdatakit folder, which arrives with the repository: a pull request can commit
 * `.sfdatakit` or any folder below it as a symbolic link to somewhere else. Every folder on the way is checked
 * (and created when missing) without following links, and the file itself is replaced by a rename, so a link
 * planted at its name is replaced, never written through.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

export class UnsafePathError extends Error {
  public constructor(
    public readonly path: string,
    reason: 'link' | 'notFolder' | 'notFile' | 'outside'
  ) {
    super(messages.getMessage(`unsafe.${reason}`, [path]));
    this.name = 'UnsafePath';
  }
}

/** Each folder of `relative` under `root`: a real folder, created if missing; never a link. */
async function realFolders(root: string, folders: string[]): Promise<string> {
  let at = root;
  for (const folder of folders) {
    at = join(at, folder);
    const found = await lstat(at).catch(() => undefined);
    if (found?.isSymbolicLink()) throw new UnsafePathError(at, 'link');
    if (found && !found.isDirectory()) throw new UnsafePathError(at, 'notFolder');
    if (!found) await mkdir(at);
  }
  return at;
}

const partsInside = (relative: string): string[] => {
  const parts = normalize(relative).split(sep).filter(Boolean);
  if (isAbsolute(relative) || parts.includes('..') || parts.length === 0)
    throw new UnsafePathError(relative, 'outside');
  return parts;
};

/** Creates the folder `relative` (inside `root`) and every folder on the way, none of them a link; its path. */
export async function folderInsideProject(root: string, relative: string): Promise<string> {
  await mkdir(root, { recursive: true });
  return realFolders(root, partsInside(relative));
}

/** Writes `content` at `relative` (inside `root`, no "..") and returns the full path. */
export async function writeInsideProject(root: string, relative: string, content: string): Promise<string> {
  const parts = partsInside(relative);
  // the root is the project (or the current folder): ours to create, unlike anything below it
  await mkdir(root, { recursive: true });
  const folder = await realFolders(root, parts.slice(0, -1));
  const target = join(folder, parts[parts.length - 1]);
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) throw new UnsafePathError(target, 'notFile');
  const temp = join(folder, `.${parts[parts.length - 1]}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return target;
}
