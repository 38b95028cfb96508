/*
 * What a rollback restores: the snapshot a release took of the kit before it changed it, that is, the kit as the
 * previous release left it. Without --to, the latest release in the org is undone; with --to RELEASE, the kit goes
 * back to how RELEASE left it (the snapshot of the release that came after it). The snapshot is a folder in the
 * project, which can arrive with a pull request: it may only hold this kit's metadata, as regular files.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { Messages } from '@salesforce/core';
import { kitContentOfDir, type KitContent } from '../content/kitContent.js';
import { releasesIn, type ReleaseRecord } from '../releases/records.js';
import { readKitProject, type SourceKit } from '../source/kitSource.js';
import { closest, didYouMean } from '../shared/suggest.js';
import { snapshotMembers, type SnapshotMember } from './snapshotCheck.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'rollback');

export type RollbackSource = {
  /** the release whose snapshot is deployed back */
  restoring: ReleaseRecord;
  /** the releases undone, newest first */
  undone: ReleaseRecord[];
  /** an unfinished rollback this one takes up where it stopped (never undone itself) */
  resuming?: ReleaseRecord;
} & (
  | {
      /** the kit's first release in the org: undoing it undeploys what it deployed; no snapshot is needed */
      firstRelease: true;
      deployed: Array<{ type: string; name: string }>;
    }
  | {
      firstRelease: false;
      /** the snapshot folder, absolute */
      dir: string;
      /** the kit as the snapshot has it */
      kit: SourceKit;
      content: KitContent;
      /** the members the snapshot may deploy, checked file by file (snapshotCheck.ts) */
      members: SnapshotMember[];
    }
);

/** The releases of the org that changed something (a release that failed before any change undoes nothing). */
const effective = (records: ReleaseRecord[], orgId: string): ReleaseRecord[] =>
  releasesIn(records, orgId).filter((r) => r.outcome !== 'Failed' || r.jobIds.length > 0);

function chooseRelease(
  records: ReleaseRecord[],
  kit: string,
  org: string,
  to?: string,
  /** the release to restore itself (an unfinished rollback's) */
  restore?: string
): [ReleaseRecord, ReleaseRecord[]] {
  if (records.length === 0) throw messages.createError('error.NoReleases', [kit, org], [kit]);
  const restoreAt = restore ? records.findIndex((r) => r.id === restore) : -1;
  if (restoreAt !== -1) return [records[restoreAt], records.slice(restoreAt).reverse()];
  if (to === undefined) return [records[records.length - 1], [records[records.length - 1]]];
  const at = records.findIndex((r) => r.id === to);
  if (at === -1)
    throw messages.createError('error.UnknownRelease', [
      to,
      kit,
      org,
      didYouMean(
        closest(
          to,
          records.map((r) => r.id)
        ),
        records.slice(-5).map((r) => r.id)
      ),
    ]);
  if (at === records.length - 1) throw messages.createError('error.AlreadyThere', [to, kit, org]);
  return [records[at + 1], records.slice(at + 1).reverse()];
}

/** The snapshot folder: a real folder under the kit's releases (what it holds is checked by snapshotMembers). */
async function snapshotDir(root: string, record: ReleaseRecord, kit: string): Promise<string> {
  // a record of this kit whose snapshot sits under another kit's releases is not this kit's snapshot
  if (!record.snapshot!.startsWith(`.sfdatakit/releases/${kit}/`) || record.snapshot!.split('/').includes('..'))
    throw messages.createError('error.SnapshotMissing', [record.snapshot!, record.id]);
  const dir = join(root, ...record.snapshot!.split('/'));
  const info = await lstat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw messages.createError('error.SnapshotMissing', [record.snapshot!, record.id]);
  return dir;
}

export async function rollbackSource(
  records: ReleaseRecord[],
  opts: {
    root: string;
    kit: string;
    orgId: string;
    orgLabel: string;
    to?: string;
    /** whether the org has a component ("Type:Name"): a snapshot may only bring back what the org knows */
    orgHas: (key: string) => boolean;
  }
): Promise<RollbackSource> {
  const mine = effective(records, opts.orgId);
  const last = mine.at(-1);
  // a rollback that stopped part-way is taken up again (same release restored), never undone: undoing it would
  // redeploy what it had just removed
  const resuming =
    !opts.to && last?.command === 'rollback' && last.outcome !== 'Succeeded' && last.restored ? last : undefined;
  const [restoring, undone] = resuming
    ? chooseRelease(mine.slice(0, mine.indexOf(resuming)), opts.kit, opts.orgLabel, undefined, resuming.restored)
    : chooseRelease(mine, opts.kit, opts.orgLabel, opts.to);
  const base = { restoring, undone, ...(resuming ? { resuming } : {}) };
  // the kit's first release here: before it, nothing of it was deployed; undoing it undeploys what it deployed
  if (mine.indexOf(restoring) === 0 && restoring.jobIds.length > 0) {
    const succeeded = restoring.components.filter((c) => !c.outcome || c.outcome === 'Succeeded');
    return {
      ...base,
      firstRelease: true,
      deployed: succeeded.map((c) => ({
        type: c.component.slice(0, c.component.indexOf(':')),
        name: c.component.slice(c.component.indexOf(':') + 1),
      })),
    };
  }
  if (!restoring.snapshot)
    throw messages.createError('error.NoSnapshot', [restoring.id, opts.kit, opts.orgLabel], [opts.kit, opts.orgLabel]);
  const dir = await snapshotDir(opts.root, restoring, opts.kit);
  const kit = (await readKitProject([dir])).kits.find((k) => k.name === opts.kit);
  if (!kit)
    throw messages.createError('error.SnapshotForeign', [
      restoring.snapshot,
      `  - DataPackageKitDefinition:${opts.kit} (missing)`,
    ]);
  const members = await snapshotMembers(dir, restoring.snapshot, kit, opts.orgHas);
  return {
    ...base,
    firstRelease: false,
    dir,
    kit,
    members,
    content: await kitContentOfDir(dir, kit.components),
  };
}
