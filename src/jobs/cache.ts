/*
 * Job ids of recent deploys, undeploys and unwraps (3 days), like deploy-retrieve's DeployCache. The cache only
 * saves typing: `deploy resume --job-id` also works without it (a fresh CI job), reading the kit from the org.
 * The file is ours but lives in the user's state folder: an entry of the wrong shape, or a file that is not JSON,
 * is ignored with a warning, never a crash.
 */
import { Global, Messages, TTLConfig } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import type { JobKind, JobOutcome, Ref } from '../deploy/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

export type CachedJob = {
  kind: JobKind;
  kit: string;
  /** the org the job runs in: its username, and its id when known */
  username: string;
  orgId?: string;
  dataSpace?: string;
  components: Ref[];
  interviewId?: string;
  outcome?: JobOutcome;
  /** when the job was started (ISO); --use-most-recent picks the newest start, not the newest read */
  startedAt?: string;
};

const KINDS = new Set(['deploy', 'undeploy', 'unwrap']);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** A well-formed entry, or undefined. */
function validEntry(value: unknown): CachedJob | undefined {
  const v = value as Partial<CachedJob> | null;
  if (!v || typeof v !== 'object' || !KINDS.has(v.kind as string) || !isText(v.kit) || !isText(v.username))
    return undefined;
  if (!Array.isArray(v.components) || !v.components.every((c) => c && isText(c.type) && isText(c.name)))
    return undefined;
  if (v.interviewId !== undefined && !isText(v.interviewId)) return undefined;
  return v as CachedJob;
}

export class JobCache extends TTLConfig<TTLConfig.Options, CachedJob> {
  public static getFileName(): string {
    return 'datakit-job-cache.json';
  }

  public static getDefaultOptions(): TTLConfig.Options {
    return {
      isGlobal: true,
      isState: true,
      filename: JobCache.getFileName(),
      stateFolder: Global.SF_STATE_FOLDER,
      ttl: Duration.days(3),
    };
  }

  /** The cache, or undefined with a warning when its file cannot be read. */
  public static async open(warn: (text: string) => void = (): void => undefined): Promise<JobCache | undefined> {
    try {
      return await JobCache.create();
    } catch (e) {
      warn(messages.getMessage('warning.cacheUnreadable', [JobCache.getFileName(), (e as Error).message]));
      return undefined;
    }
  }

  public static async remember(jobId: string, job: CachedJob): Promise<void> {
    const cache = await JobCache.open();
    if (!cache) return;
    cache.set(jobId, { ...job, startedAt: job.startedAt ?? new Date().toISOString() });
    await cache.write();
  }

  public static async recordOutcome(jobId: string, outcome: JobOutcome): Promise<void> {
    const cache = await JobCache.open();
    const entry = validEntry(cache?.get(jobId));
    if (!cache || !entry) return;
    cache.set(jobId, { ...entry, outcome });
    await cache.write();
  }

  /** The entry for an id (15 or 18 characters), or the most recently started job. Bad entries are skipped with a warning. */
  public static async lookup(
    jobId: string | undefined,
    warn: (text: string) => void = (): void => undefined
  ): Promise<[string, CachedJob] | undefined> {
    const cache = await JobCache.open(warn);
    if (!cache) return undefined;
    const valid: Array<[string, CachedJob]> = [];
    for (const [key, value] of cache.entries()) {
      const entry = validEntry(value);
      if (entry) valid.push([key, entry]);
      else if (!jobId || key.slice(0, 15) === jobId.slice(0, 15))
        warn(messages.getMessage('warning.cacheEntryIgnored', [key, JobCache.getFileName()]));
    }
    if (jobId) return valid.find(([key]) => key.slice(0, 15) === jobId.slice(0, 15));
    const started = ([, e]: [string, CachedJob]): number =>
      Date.parse(e.startedAt ?? (e as { timestamp?: string }).timestamp ?? '') || 0;
    return valid.sort((a, b) => started(b) - started(a))[0];
  }
}

/** Remembers a job; a cache that cannot be written must not lose the job id, which is printed anyway. */
export async function rememberJob(jobId: string, job: CachedJob): Promise<void> {
  await JobCache.remember(jobId, job).catch(() => undefined);
}
