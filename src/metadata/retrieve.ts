/*
 * Retrieve a kit's metadata into source format with the deploy-retrieve library (the same code as
 * `sf project retrieve start`). Only the commands that retrieve load it: the library is large.
 */
import { cp, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Connection } from '@salesforce/core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { Duration } from '@salesforce/kit';
import type { ManifestType } from '../kits/packageXml.js';
import { StoppedError } from '../shared/interrupt.js';
import { sharedRegistry, splitCarriable } from './registry.js';
import type { LeftOut } from './retrievable.js';

export type RetrievedFile = { type: string; fullName: string; filePath?: string; state: string; error?: string };
export type RetrieveOutcome = { files: RetrievedFile[]; leftOut: LeftOut[]; problems: string[] };

/**
 * Retrieves into `outputDir/main/default/...` (a package directory), replacing files of the same name. Once `stop`
 * aborts, the org is no longer polled and nothing is written to `outputDir`.
 */
export async function retrieveKitSource(
  connection: Connection,
  types: ManifestType[],
  outputDir: string,
  waitMinutes = 10,
  stop?: AbortSignal
): Promise<RetrieveOutcome> {
  const { retrievable, leftOut } = splitCarriable(types);
  const set = new ComponentSet(
    retrievable.flatMap((t) => t.members.map((fullName) => ({ fullName, type: t.type }))),
    sharedRegistry()
  );
  set.apiVersion = connection.getApiVersion();
  set.sourceApiVersion = connection.getApiVersion();
  // the library writes an unmerged retrieve under a metadataPackage_<time> folder; move it into place after
  const staging = await mkdtemp(join(tmpdir(), 'datakit-retrieve-'));
  try {
    const operation = await set.retrieve({
      usernameOrConnection: connection,
      output: staging,
      merge: false,
      format: 'source',
    });
    // stopped while the retrieve was being sent: nothing to poll for
    if (stop?.aborted) throw new StoppedError();
    const cancel = (): void => void operation.cancel();
    stop?.addEventListener('abort', cancel, { once: true });
    const result = await operation
      .pollStatus({ frequency: Duration.milliseconds(500), timeout: Duration.minutes(waitMinutes) })
      .finally(() => stop?.removeEventListener('abort', cancel));
    if (stop?.aborted) throw new StoppedError();
    const [pkg] = (await readdir(staging)).filter((d) => d.startsWith('metadataPackage_'));
    if (pkg) await moveInto(join(staging, pkg), outputDir);
    const moved = (path: string): string => (pkg ? join(outputDir, relative(join(staging, pkg), path)) : path);
    return summarize(result, leftOut, moved);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * An empty output folder (a release snapshot's) is replaced by the retrieved one in one rename; a folder with files
 * in it, or one on another file system, gets a copy merged in.
 */
async function moveInto(from: string, outputDir: string): Promise<void> {
  if ((await readdir(outputDir).catch(() => undefined))?.length === 0) {
    try {
      return await rename(from, outputDir);
    } catch {
      // another file system: copied below
    }
  }
  await cp(from, outputDir, { recursive: true, force: true });
}

type RetrieveResultLike = Awaited<ReturnType<Awaited<ReturnType<ComponentSet['retrieve']>>['pollStatus']>>;

function summarize(result: RetrieveResultLike, leftOut: LeftOut[], moved: (path: string) => string): RetrieveOutcome {
  const messages = result.response.messages;
  const problems = (Array.isArray(messages) ? messages : messages ? [messages] : []).map((m) => m.problem);
  const files = result.getFileResponses().map((f) => ({
    type: f.type,
    fullName: f.fullName,
    state: f.state,
    ...('filePath' in f && f.filePath ? { filePath: moved(f.filePath) } : {}),
    ...('error' in f && f.error ? { error: f.error } : {}),
  }));
  return { files, leftOut, problems };
}
