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

/** The folder holding .git, this one or one above it (no git process is started); undefined outside a repository. */
export function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export async function gitState(root: string): Promise<{ commit: string; branch?: string } | undefined> {
  if (!repositoryRoot(root)) return undefined;
  const commit = await git(root, ['rev-parse', 'HEAD']);
  if (!commit || !/^[0-9a-f]{40}$/.test(commit)) return undefined;
  const branch = await git(root, ['rev-parse', '--abbrev-ref', 'HEAD']);
  return { commit, ...(branch && branch !== 'HEAD' ? { branch } : {}) };
}
