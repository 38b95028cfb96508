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
import { repositoryRoot } from './git.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'releases');

export const RELEASES_DIR = join('.sfdatakit', 'releases');
const MAX_RECORD_BYTES = 20 * 1024 * 1024;
/** .sfdatakit/releases/<kit>/<id>.snapshot, written with forward slashes */
const SNAPSHOT_PATH = /^\.sfdatakit\/releases\/[A-Za-z][A-Za-z0-9_]{0,79}\/[\w.-]+\.snapshot$/;

export type OrgRef = { id: string; username: string };

/** A component the release changed: the hash of its content when the command read it, and how it ended. */
export type ReleaseComponent = { component: string; hash?: string; outcome?: string };

export type ReleaseRecord = {
  schema: 1;
  id: string;
  kit: string;
  /** the command that made the change, e.g. "promote" */
  command: string;
  /** its arguments as typed (no flag of this plugin takes a secret) */
  argv?: string[];
  /** who: the username the change was made as */
  who?: string;
  org: OrgRef;
  sourceOrg?: OrgRef;
  startedAt: string;
  finishedAt: string;
  /** Succeeded, SucceededPartial, Failed, InProgress: as the job ended */
  outcome: string;
  /** the components this release changed */
  components: ReleaseComponent[];
  /** every component's content in the org after this release (promote, rollback): what the next one compares with */
  content?: Record<string, ComponentContent>;
  jobIds: string[];
  metadataDeployId?: string;
  /** --reason, when given */
  reason?: string;
  /** the project's commit and branch when run inside a Git repository */
  git?: { commit: string; branch?: string };
  /** the kit as the org had it before this release, retrieved into the project (relative to its root) */
  snapshot?: string;
  /** for a rollback: the release whose state it restored */
  restored?: string;
  /** a change that did not end: the step it stopped at, the state the org is in, and what to run */
  stoppedAt?: string;
  next?: string;
};

/** The line that says where a release record was written. */
export const recordedLine = (file: string): string => messages.getMessage('info.recorded', [file]);

/**
 * The project's root, where .sfdatakit lives: the sfdx project when there is one, else the Git repository's root
 * (run from a subfolder of a repository without sfdx-project.json, its protection must not disappear), else here.
 */
export function projectRoot(): string {
  try {
    return SfProject.resolveProjectPathSync();
  } catch {
    return repositoryRoot(process.cwd()) ?? process.cwd();
  }
}

const stamp = (iso: string): string => iso.replace(/[-:.]/g, '');

/** A release's id: when, what and where, sortable by name ("20261125T100000000Z-promote-00DPRD000000001"). */
export const releaseId = (startedAt: string, command: string, orgId: string): string =>
  `${stamp(startedAt)}-${command.replace(/\W+/g, '-')}-${orgId.slice(0, 15)}`;

/** Where a kit's releases live, relative to the project root. */
export const kitReleasesDir = (kit: string): string => {
  if (!isDeveloperName(kit)) throw messages.createError('error.NotAKitName', [kit]);
  return join(RELEASES_DIR, kit);
};

/** Writes the record; returns its path. */
export async function writeRelease(
  record: Omit<ReleaseRecord, 'schema' | 'id'> & { id?: string },
  root = projectRoot()
): Promise<string> {
  const id = record.id ?? releaseId(record.startedAt, record.command, record.org.id);
  const full: ReleaseRecord = { schema: 1, ...record, id };
  return writeInsideProject(root, join(kitReleasesDir(record.kit), `${id}.json`), JSON.stringify(full, null, 2) + '\n');
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
  const optional = (x: unknown, ok: (y: unknown) => boolean): boolean => x === undefined || ok(x);
  if (
    !Array.isArray(v.components) ||
    !v.components.every((c) => isRecord(c) && isString(c.component) && optional(c.hash, isString))
  )
    return messages.getMessage('refused.components');
  if (!optional(v.content, (c) => isRecord(c) && Object.values(c).every(isRecord)))
    return messages.getMessage('refused.content');
  if (!Array.isArray(v.jobIds) || !v.jobIds.every(isString)) return messages.getMessage('refused.jobIds');
  if (![v.who, v.reason, v.snapshot, v.restored, v.stoppedAt, v.next].every((x) => optional(x, isString)))
    return messages.getMessage('refused.missingText');
  if (!optional(v.argv, (a) => Array.isArray(a) && a.every(isString))) return messages.getMessage('refused.argv');
  // a snapshot is a folder this plugin wrote next to the record: never a path elsewhere
  if (v.snapshot !== undefined && !SNAPSHOT_PATH.test(v.snapshot as string))
    return messages.getMessage('refused.snapshot');
  return undefined;
}

export type ReadReleases = { records: ReleaseRecord[]; refused: Array<{ file: string; reason: string }> };

/** A folder on the way to the records that is a link (or not a folder) would read records from elsewhere. */
async function linkOnTheWay(root: string, kit: string): Promise<string | undefined> {
  let at = root;
  for (const part of [...RELEASES_DIR.split(/[\\/]/), kit]) {
    at = join(at, part);
    const info = await lstat(at).catch(() => undefined);
    if (info && !info.isDirectory()) return at;
  }
  return undefined;
}

/**
 * Every record of a kit, oldest first by its id (when it started, as its file is named): a record's own
 * finishedAt, which anyone can write, never decides which release is the latest. Files that are links, too large,
 * malformed, named for another id, or a second record with the same id are refused with a reason; a releases
 * folder reached through a link is refused whole.
 */
export async function readReleases(kit: string, root = projectRoot()): Promise<ReadReleases> {
  const out: ReadReleases = { records: [], refused: [] };
  if (!isDeveloperName(kit)) return out;
  const dir = join(root, RELEASES_DIR, kit);
  const link = await linkOnTheWay(root, kit);
  if (link) return { records: [], refused: [{ file: link, reason: messages.getMessage('refused.linkedFolder') }] };
  const names = await readdir(dir).catch(() => [] as string[]);
  const seen = new Set<string>();
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const read = await readRecordFile(file, kit);
    if ('reason' in read) out.refused.push({ file, reason: read.reason });
    else if (`${read.record.id}.json` !== name)
      out.refused.push({ file, reason: messages.getMessage('refused.otherId', [read.record.id]) });
    else if (seen.has(read.record.id))
      out.refused.push({ file, reason: messages.getMessage('refused.duplicateId', [read.record.id]) });
    else {
      seen.add(read.record.id);
      out.records.push(read.record);
    }
  }
  out.records.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

async function readRecordFile(file: string, kit: string): Promise<{ record: ReleaseRecord } | { reason: string }> {
  const info = await lstat(file);
  if (!info.isFile()) return { reason: messages.getMessage('refused.notFile') };
  if (info.size > MAX_RECORD_BYTES) return { reason: messages.getMessage('refused.tooLarge') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { reason: (e as Error).message };
  }
  const problem = problemOf(parsed, kit);
  return problem ? { reason: problem } : { record: parsed as ReleaseRecord };
}

export const sameOrg = (a: string, b: string): boolean => a.slice(0, 15) === b.slice(0, 15);

/** The records of changes to `orgId`, oldest first. */
export const releasesIn = (records: ReleaseRecord[], orgId: string): ReleaseRecord[] =>
  records.filter((r) => sameOrg(r.org.id, orgId));

/**
 * What the org should hold now: the newest record of a change that reached it (not one that failed before
 * deploying anything) and that says each component's content (promote and rollback do).
 */
export function lastReleaseIn(
  records: ReleaseRecord[],
  orgId: string
): (ReleaseRecord & Required<Pick<ReleaseRecord, 'content'>>) | undefined {
  return releasesIn(records, orgId)
    .reverse()
    .find(
      (r): r is ReleaseRecord & Required<Pick<ReleaseRecord, 'content'>> =>
        r.outcome !== 'Failed' && r.content !== undefined
    );
}
