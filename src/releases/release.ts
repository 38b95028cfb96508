/*
 * One change to an org, from start to record: who, when, the command as typed, the reason, the project's commit,
 * and (for commands that replace a kit's templates) a snapshot of the kit as the org had it before, retrieved into
 * the project so that `sf datakit rollback` can put it back.
 */
import { lstat, rmdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Org } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import { kitContentOfDir, type KitContent } from '../content/kitContent.js';
import type { ComponentRef } from '../content/owners.js';
import { manifestTypes } from '../kits/packageXml.js';
import { retrieveKitSource } from '../metadata/retrieve.js';
import { unlessStopped } from '../shared/interrupt.js';
import { folderInsideProject, UnsafePathError } from '../shared/safeWrite.js';
import { gitState } from './git.js';
import { kitReleasesDir, projectRoot, releaseId, writeRelease, type ReleaseRecord } from './records.js';

export type ReleaseStart = {
  command: string;
  kit: string;
  org: Org;
  argv: string[];
  reason?: string;
  sourceOrg?: Org;
  root?: string;
};

export type ReleaseEnd = Pick<ReleaseRecord, 'outcome' | 'components'> &
  Partial<Pick<ReleaseRecord, 'jobIds' | 'content' | 'metadataDeployId' | 'restored' | 'stoppedAt' | 'next'>>;

const orgRef = (org: Org): ReleaseRecord['org'] => ({ id: org.getOrgId(), username: org.getUsername() ?? '' });

export class Release {
  public readonly id: string;
  public readonly startedAt = new Date().toISOString();
  public readonly root: string;
  /** the snapshot folder, relative to the root with forward slashes, once taken */
  private snapshotPath?: string;

  public constructor(private readonly start: ReleaseStart) {
    this.root = start.root ?? projectRoot();
    this.id = releaseId(this.startedAt, start.command, start.org.getOrgId());
  }

  /** The snapshot folder, relative to the project root, once taken. */
  public get snapshotDir(): string | undefined {
    return this.snapshotPath;
  }

  /**
   * Retrieves the kit as the org has it now into .sfdatakit/releases/<kit>/<id>.snapshot (a new folder, every
   * folder on the way a real one) and returns what each component holds. `stop` gives up at once (StoppedError):
   * a stopped or failed snapshot leaves no folder behind.
   */
  public async snapshot(
    client: DataKitClient,
    components: ComponentRef[],
    waitMinutes?: number,
    stop?: AbortSignal
  ): Promise<KitContent> {
    const relative = join(kitReleasesDir(this.start.kit), `${this.id}.snapshot`);
    if (await lstat(join(this.root, relative)).catch(() => undefined))
      throw new UnsafePathError(join(this.root, relative), 'notFolder');
    const dir = await folderInsideProject(this.root, relative);
    const taking = (async (): Promise<KitContent> => {
      const types = manifestTypes(await client.manifest(this.start.kit));
      await retrieveKitSource(this.start.org.getConnection(client.apiVersion), types, dir, waitMinutes, stop);
      return kitContentOfDir(dir, components);
    })();
    try {
      const content = await unlessStopped(taking, stop);
      this.snapshotPath = relative.split(sep).join('/');
      return content;
    } catch (e) {
      // rmdir removes only an empty folder: a snapshot with files in it stays
      await rmdir(dir).catch(() => undefined);
      throw e;
    }
  }

  /** Writes the record; returns its path. */
  public async finish(end: ReleaseEnd): Promise<string> {
    const { command, kit, org, argv, reason, sourceOrg } = this.start;
    return writeRelease(
      {
        id: this.id,
        kit,
        command,
        argv,
        who: org.getUsername() ?? undefined,
        org: orgRef(org),
        ...(sourceOrg ? { sourceOrg: orgRef(sourceOrg) } : {}),
        startedAt: this.startedAt,
        finishedAt: new Date().toISOString(),
        jobIds: [],
        ...end,
        ...(reason ? { reason } : {}),
        ...(await gitState(this.root).then((git) => (git ? { git } : {}))),
        ...(this.snapshotPath ? { snapshot: this.snapshotPath } : {}),
      },
      this.root
    );
  }
}
