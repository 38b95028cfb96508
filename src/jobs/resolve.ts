/*
 * Which job `deploy report` / `deploy resume` mean, in which org, and enough about it to watch it. The org is the
 * one the job ran in: --target-org when typed, else the org the cache recorded for the job, else the default
 * org. The cache helps but is not needed: with a job id and an org, the kit comes from the deployment log.
 */
import { Messages, Org } from '@salesforce/core';
import { DataKitClient } from '../api/client.js';
import { isDeployable } from '../deploy/config.js';
import type { JobKind, JobSource, Ref } from '../deploy/types.js';
import { kitComponents } from '../kits/components.js';
import { kitByName } from '../kits/kits.js';
import { JobCache, type CachedJob } from './cache.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

export type ResolveOptions = {
  jobId?: string;
  useMostRecent: boolean;
  /** --target-org, only when the user typed it */
  explicitOrg?: Org;
  /** the configured default org: used when neither --target-org nor the cache names one */
  defaultOrg?: Org;
  apiVersion?: string;
  warn?: (text: string) => void;
};

export type ResolvedJob = {
  jobId: string;
  source: JobSource;
  kind: JobKind;
  kit?: string;
  orgName: string;
  dataSpace?: string;
  expected: Ref[];
  client: DataKitClient;
  fromCache: boolean;
  componentsOfKit: (kit: string) => Promise<Ref[]>;
};

const JOB_ID = /^08P\w{12}(\w{3})?$/;
const INTERVIEW_ID = /^[0-9a-f]{8,}-[0-9a-f]{2,}$/i;

/** Validates --job-id: a Connect job (08P...) or an unwrap flow interview GUID. */
export function parseJobId(input: string): string {
  const id = input.trim();
  if (!JOB_ID.test(id) && !INTERVIEW_ID.test(id)) throw messages.createError('error.InvalidJobId', [input]);
  return id;
}

async function orgOfCachedJob(jobId: string, job: CachedJob): Promise<Org> {
  try {
    return await Org.create({ aliasOrUsername: job.username });
  } catch {
    throw messages.createError('error.CachedOrgGone', [jobId, job.username]);
  }
}

/** Whether a cache entry describes a job in this org (entries written before org ids were kept compare usernames). */
const sameOrg = (job: CachedJob, org: Org): boolean =>
  job.orgId ? job.orgId.slice(0, 15) === org.getOrgId().slice(0, 15) : job.username === org.getUsername();

export async function resolveJob(opts: ResolveOptions): Promise<ResolvedJob> {
  const hit = await JobCache.lookup(opts.useMostRecent ? undefined : opts.jobId, opts.warn);
  if (opts.useMostRecent && !hit) throw messages.createError('error.NoRecentJob');
  const org = opts.explicitOrg ?? (hit ? await orgOfCachedJob(hit[0], hit[1]) : opts.defaultOrg);
  if (!org) throw messages.createError('error.NeedTargetOrg', [opts.jobId ?? '']);
  const client = DataKitClient.forOrg(org, opts.apiVersion);
  const orgName = org.getUsername() ?? hit?.[1].username ?? 'target-org';
  const componentsOfKit = async (kit: string): Promise<Ref[]> => {
    const found = await kitByName(client, kit);
    return found
      ? kitComponents(found)
          .filter((c) => isDeployable(c.type))
          .map(({ type, name }) => ({ type, name }))
      : [];
  };

  // a cached job of another org says nothing about the job with this id here
  const cached = hit && sameOrg(hit[1], org) ? hit : undefined;
  if (hit && !cached) opts.warn?.(messages.getMessage('warning.otherOrg', [hit[0], hit[1].username, orgName]));
  if (cached) {
    const [jobId, job] = cached;
    return {
      jobId,
      source: job.interviewId ? { interviewId: job.interviewId } : { jobId },
      kind: job.kind,
      kit: job.kit,
      orgName,
      dataSpace: job.dataSpace,
      expected: job.components,
      client,
      fromCache: true,
      componentsOfKit,
    };
  }
  const jobId = opts.jobId ?? hit![0];
  const source: JobSource = JOB_ID.test(jobId) ? { jobId } : { interviewId: jobId };
  // without the cache a Connect job is taken for a deploy: the log does not say reliably which it was
  return {
    jobId,
    source,
    kind: 'jobId' in source ? 'deploy' : 'unwrap',
    orgName,
    expected: [],
    client,
    fromCache: false,
    componentsOfKit,
  };
}
