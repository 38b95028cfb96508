/*
 * Carry a kit's metadata from one org to another: retrieve to source, take out what breaks a deploy (keeping
 * key-qualifier fields to set again after the unwrap), then deploy to the target, or only check that it would
 * deploy (a check-only deploy: the target validates everything and changes nothing).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import type { ManifestType } from '../kits/packageXml.js';
import type { OrgWriter } from '../api/writer.js';
import { checkDeploy, deploySource, type MetadataDeployOutcome } from '../metadata/deploy.js';
import { retrieveKitSource } from '../metadata/retrieve.js';
import type { LeftOut } from '../metadata/retrievable.js';
import { walkFiles } from '../source/kitSource.js';
import { applyRemovals, findRemovals, type Removal } from '../source/clean.js';
import type { RestoreFile } from '../source/restoreFile.js';

export type PreparedSource = {
  sourceDir: string;
  /** the folder is the plugin's own, removed by discard() */
  temporary: boolean;
  retrieved: number;
  leftOut: LeftOut[];
  removed: Removal[];
  restore: RestoreFile;
};

export type MoveOutcome = PreparedSource & { deploy: MetadataDeployOutcome };

/** Retrieves the kit into `sourceDir` (a new temporary folder when none is given) and cleans it. */
export async function prepareKitSource(
  from: Connection,
  types: ManifestType[],
  sourceDir?: string,
  waitMinutes?: number
): Promise<PreparedSource> {
  const dir = sourceDir ?? (await mkdtemp(join(tmpdir(), 'datakit-promote-')));
  const retrieved = await retrieveKitSource(from, types, dir, waitMinutes);
  const removed = await findRemovals(dir);
  const restore = await applyRemovals(dir, removed);
  return {
    sourceDir: dir,
    temporary: !sourceDir,
    retrieved: retrieved.files.length,
    leftOut: retrieved.leftOut,
    removed,
    restore,
  };
}

/** Deletes every file of the prepared source that `keep` does not want (a selective promotion). */
export async function keepOnly(prepared: PreparedSource, keep: (file: string) => boolean): Promise<void> {
  for (const file of await walkFiles(prepared.sourceDir)) if (!keep(file)) await rm(file, { force: true });
}

export async function deployPrepared(
  to: OrgWriter,
  prepared: PreparedSource,
  options: { waitMinutes?: number; apiVersion?: string } = {}
): Promise<MetadataDeployOutcome> {
  return deploySource(to, prepared.sourceDir, { ...options, unwrapsItself: true });
}

/** The target validates everything and changes nothing. */
export async function checkPrepared(
  to: Connection,
  prepared: PreparedSource,
  options: { waitMinutes?: number } = {}
): Promise<MetadataDeployOutcome> {
  return checkDeploy(to, prepared.sourceDir, options);
}

export async function discard(prepared: PreparedSource): Promise<void> {
  if (prepared.temporary) await rm(prepared.sourceDir, { recursive: true, force: true });
}
