/*
 * Carry a kit's metadata from one org to another: retrieve to source, take out what breaks a deploy (keeping
 * key-qualifier fields to set again after the unwrap), deploy to the target.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import type { ManifestType } from '../kits/packageXml.js';
import { deploySource, type MetadataDeployOutcome } from '../metadata/deploy.js';
import { retrieveKitSource } from '../metadata/retrieve.js';
import type { LeftOut } from '../metadata/retrievable.js';
import { applyRemovals, findRemovals, type Removal } from '../source/clean.js';
import type { RestoreFile } from '../source/restoreFile.js';

export type MoveOutcome = {
  sourceDir: string;
  retrieved: number;
  leftOut: LeftOut[];
  removed: Removal[];
  restore: RestoreFile;
  deploy: MetadataDeployOutcome;
};

export async function moveKitMetadata(
  from: Connection,
  to: Connection,
  types: ManifestType[],
  sourceDir?: string,
  waitMinutes?: number
): Promise<MoveOutcome> {
  const dir = sourceDir ?? (await mkdtemp(join(tmpdir(), 'datakit-promote-')));
  const retrieved = await retrieveKitSource(from, types, dir, waitMinutes);
  const removed = await findRemovals(dir);
  const restore = await applyRemovals(dir, removed);
  const deploy = await deploySource(to, dir, { waitMinutes, unwrapsItself: true });
  return { sourceDir: dir, retrieved: retrieved.files.length, leftOut: retrieved.leftOut, removed, restore, deploy };
}
