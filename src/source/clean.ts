/*
 * What breaks a kit's metadata deploy, found in a source folder (docs/api-notes.md Q11, Q12):
 * - KQ_ key-qualifier fields on data model objects are rejected by the deploy; they are set again after the
 *   kit is unwrapped, from a restore file that keeps their content;
 * - ExtDataTranFieldTemplate files, which the Metadata API does not support at all.
 */
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { walkFiles } from './kitSource.js';
import { recordedPath, type RestoreFile } from './restoreFile.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

export type Removal = { file: string; type: string; member: string; reason: string; restorable: boolean };

const KQ_FIELD = /[/\\]objects[/\\]([^/\\]+)[/\\]fields[/\\](KQ_[^/\\]+)\.field-meta\.xml$/;
const FIELD_TEMPLATE = /([^/\\]+)\.extDataTranFieldTemplate-meta\.xml$/;

export async function findRemovals(sourceDir: string): Promise<Removal[]> {
  const files = (await walkFiles(sourceDir)).sort();
  const removals: Removal[] = [];
  for (const file of files) {
    const kq = KQ_FIELD.exec(file);
    if (kq) {
      removals.push({
        file,
        type: 'CustomField',
        member: `${kq[1]}.${kq[2]}`,
        reason: messages.getMessage('removal.keyQualifier'),
        restorable: true,
      });
      continue;
    }
    const template = FIELD_TEMPLATE.exec(file);
    if (template) {
      removals.push({
        file,
        type: 'ExtDataTranFieldTemplate',
        member: template[1],
        reason: messages.getMessage('removal.fieldTemplate'),
        restorable: false,
      });
    }
  }
  return removals;
}

/** Deletes the files and returns what the restore file must keep (merged with an existing one by path). */
export async function applyRemovals(
  sourceDir: string,
  removals: Removal[],
  previous?: RestoreFile
): Promise<RestoreFile> {
  const kept = new Map((previous?.fields ?? []).map((f) => [f.member, f]));
  for (const r of removals) {
    if (r.restorable)
      kept.set(r.member, {
        path: recordedPath(sourceDir, r.file),
        member: r.member,
        content: await readFile(r.file, 'utf8'),
      });
    await rm(r.file, { force: true });
  }
  return { createdAt: new Date().toISOString(), sourceDir: resolve(sourceDir), fields: [...kept.values()] };
}
