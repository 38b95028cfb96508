/*
 * Job ids of recent deploys, undeploys and unwraps (3 days), like deploy-retrieve's DeployCache. The cache only
 * saves typing: `deploy resume --job-id` also works without it (a fresh CI job), reading the kit from the org.
 */
import { Global, TTLConfig } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import type { JobKind, JobOutcome } from './types.js';

export type CachedJob = {
  kind: JobKind;
  kit: string;
  username: string;
  dataSpace?: string;
  components: Array<{ type: string; name: string }>;
  interviewId?: string;
  outcome?: JobOutcome;
};

export class JobCache extends TTLConfig<TTLConfig.Options, CachedJob> {
  public static getFileName(): string {
    return 'datakit-job-cache.json';
  }

  public static getDefaultOptions(): TTLConfig.Options {
    return { isGlobal: true, isState: true, filename: JobCache.getFileName(), stateFolder: Global.SF_STATE_FOLDER, ttl: Duration.days(3) };
  }

  public static async remember(jobId: string, job: CachedJob): Promise<void> {
    const cache = await JobCache.create();
    cache.set(jobId, job);
    await cache.write();
  }

  public static async recordOutcome(jobId: string, outcome: JobOutcome): Promise<void> {
    const cache = await JobCache.create();
    const entry = cache.get(jobId);
    if (!entry) return;
    cache.set(jobId, { ...entry, outcome });
    await cache.write();
  }

  /** The entry for an id (15 or 18 characters), or the newest entry. */
  public static async lookup(jobId: string | undefined): Promise<[string, CachedJob] | undefined> {
    const cache = await JobCache.create();
    if (!jobId) {
      const latest = cache.getLatestEntry();
      return latest ? [latest[0], latest[1]] : undefined;
    }
    const key = cache.keys().find((k) => k.slice(0, 15) === jobId.slice(0, 15));
    return key ? [key, cache.get(key)] : undefined;
  }
}
