/*
 * Release records: one JSON file per change a command made to an org, under .sfdatakit/releases/<kit>/ in the
 * project, to commit with it. They are read back (the content last deployed to an org, a kit's history), and
 * they arrive with pull requests like any file: every record read is checked, and one that does not hold up is
 * reported and skipped, never trusted. No secret goes in: content is template metadata, never credentials.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Messages, SfProject } from '@salesforce/core';
import type { ComponentContent } from '../content/kitContent.js';
import { isDeveloperName } from '../shared/names.js';
import { writeInsideProject } from '../shared/safeWrite.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'releases');

export const RELEASES_DIR = join('.sfdatakit', 'releases');
const MAX_RECORD_BYTES = 20 * 1024 * 1024;

export type OrgRef = { id: string; username: string };

export type ReleaseComponent = { component: string; hash: string; outcome?: string };

export type ReleaseRecord = {
  schema: 1;
  id: string;
  kit: string;
  /** the command that made the change, e.g. "promote" */
  command: string;
  org: OrgRef;
  sourceOrg?: OrgRef;
  startedAt: string;
  finishedAt: string;
  /** Succeeded, SucceededPartial, Failed, InProgress: as the job ended */
  outcome: string;
  /** the components this release changed, with the hash of the content it deployed */
  components: ReleaseComponent[];
  /** every component's content in the org after this release: what the next promotion compares with */
  content: Record<string, ComponentContent>;
  jobIds: string[];
  metadataDeployId?: string;
};

/** The project's root (the sfdx project when there is one), where .sfdatakit lives. */
export function projectRoot(): string {
  try {
    return SfProject.resolveProjectPathSync();
  } catch {
    return process.cwd();
  }
}

const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Writes the record; returns its path. The file name says when, what and where: sortable by name. */
export async function writeRelease(
  record: Omit<ReleaseRecord, 'schema' | 'id'>,
  root = projectRoot()
): Promise<string> {
  if (!isDeveloperName(record.kit)) throw messages.createError('error.NotAKitName', [record.kit]);
  const id = `${stamp(record.startedAt)}-${record.command}-${record.org.id.slice(0, 15)}`;
  const full: ReleaseRecord = { schema: 1, id, ...record };
  return writeInsideProject(root, join(RELEASES_DIR, record.kit, `${id}.json`), JSON.stringify(full, null, 2) + '\n');
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isOrg = (v: unknown): v is OrgRef => isRecord(v) && isString(v.id) && isString(v.username);

/** Why a parsed file is not a release record of `kit`, or undefined when it is one. */
function problemOf(v: unknown, kit: string): string | undefined {
  if (!isRecord(v) || v.schema !== 1) return messages.getMessage('refused.notRecord');
  if (v.kit !== kit) return messages.getMessage('refused.otherKit', [String(v.kit), kit]);
  if (![v.id, v.command, v.startedAt, v.finishedAt, v.outcome].every(isString))
    return messages.getMessage('refused.missingText');
  if (!isOrg(v.org) || (v.sourceOrg !== undefined && !isOrg(v.sourceOrg))) return messages.getMessage('refused.org');
  if (
    !Array.isArray(v.components) ||
    !v.components.every((c) => isRecord(c) && isString(c.component) && isString(c.hash))
  )
    return messages.getMessage('refused.components');
  if (!isRecord(v.content) || !Object.values(v.content).every(isRecord)) return messages.getMessage('refused.content');
  if (!Array.isArray(v.jobIds) || !v.jobIds.every(isString)) return messages.getMessage('refused.jobIds');
  return undefined;
}

export type ReadReleases = { records: ReleaseRecord[]; refused: Array<{ file: string; reason: string }> };

/** Every record of a kit, oldest first; files that are links, too large or malformed are refused with a reason. */
export async function readReleases(kit: string, root = projectRoot()): Promise<ReadReleases> {
  const out: ReadReleases = { records: [], refused: [] };
  if (!isDeveloperName(kit)) return out;
  const dir = join(root, RELEASES_DIR, kit);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const info = await lstat(file);
    if (!info.isFile()) {
      out.refused.push({ file, reason: messages.getMessage('refused.notFile') });
      continue;
    }
    if (info.size > MAX_RECORD_BYTES) {
      out.refused.push({ file, reason: messages.getMessage('refused.tooLarge') });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      out.refused.push({ file, reason: (e as Error).message });
      continue;
    }
    const problem = problemOf(parsed, kit);
    if (problem) out.refused.push({ file, reason: problem });
    else out.records.push(parsed as ReleaseRecord);
  }
  out.records.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  return out;
}

/** The newest record of a change that reached `orgId` (not one that failed before deploying anything). */
export function lastReleaseIn(records: ReleaseRecord[], orgId: string): ReleaseRecord | undefined {
  const sameOrg = (id: string): boolean => id.slice(0, 15) === orgId.slice(0, 15);
  return [...records].reverse().find((r) => sameOrg(r.org.id) && r.outcome !== 'Failed');
}
