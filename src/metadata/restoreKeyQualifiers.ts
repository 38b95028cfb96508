/*
 * Set key-qualifier (KQ_) fields again after a kit is unwrapped: they are rejected before (docs/api-notes.md Q12).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrgWriter } from '../api/writer.js';
import { materialize, type RestoreFile } from '../source/restoreFile.js';
import { deploySource, type MetadataDeployOutcome } from './deploy.js';

/** Deploys exactly the checked key-qualifier fields, from a folder made for them and removed after. */
export async function restoreKeyQualifiers(
  writer: OrgWriter,
  restore: RestoreFile,
  apiVersion?: string
): Promise<MetadataDeployOutcome | undefined> {
  if (restore.fields.length === 0) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'datakit-kq-'));
  try {
    const members = await materialize(restore, dir);
    return await deploySource(writer, dir, {
      apiVersion,
      only: members.map((fullName) => ({ type: 'CustomField', fullName })),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
