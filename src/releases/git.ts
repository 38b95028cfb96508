/*
 * The project's Git commit and branch, for release records. Not a repository, no git installed, or git too slow:
 * the record simply has none.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const git = (root: string, args: string[]): Promise<string | undefined> =>
  new Promise((resolve) => {
    execFile('git', args, { cwd: root, timeout: 3000 }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });

/** A .git in the folder or one above it: outside a repository, no git process is started at all. */
function insideRepository(root: string): boolean {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

export async function gitState(root: string): Promise<{ commit: string; branch?: string } | undefined> {
  if (!insideRepository(root)) return undefined;
  const commit = await git(root, ['rev-parse', 'HEAD']);
  if (!commit || !/^[0-9a-f]{40}$/.test(commit)) return undefined;
  const branch = await git(root, ['rev-parse', '--abbrev-ref', 'HEAD']);
  return { commit, ...(branch && branch !== 'HEAD' ? { branch } : {}) };
}
