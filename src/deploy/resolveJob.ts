/*
 * Which job `deploy report` / `deploy resume` mean, and enough about it to watch it. The local cache helps but
 * is not needed: with a job id and an org, the kit and components come from the org's deployment log.
 */
import { Messages, Org } from '@salesforce/core';
import { DataKitClient } from '../api/client.js';
import type { Ref } from '../kits/dependencies.js';
import { JobCache } from './jobCache.js';
import type { JobKind } from './types.js';
import type { JobSource } from './watcher.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

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
};

const JOB_ID = /^08P\w{12}(\w{3})?$/;
const INTERVIEW_ID = /^[0-9a-f]{8,}-[0-9a-f]{2,}$/i;

/** Validates --job-id: a Connect job (08P...) or an unwrap flow interview GUID. */
export function parseJobId(input: string): string {
  const id = input.trim();
  if (!JOB_ID.test(id) && !INTERVIEW_ID.test(id)) throw messages.createError('error.InvalidJobId', [input]);
  return id;
}

export async function resolveJob(opts: { jobId?: string; useMostRecent: boolean; org?: Org; apiVersion?: string }): Promise<ResolvedJob> {
  const cached = await JobCache.lookup(opts.useMostRecent ? undefined : opts.jobId);
  if (opts.useMostRecent && !cached) throw messages.createError('error.NoRecentJob');
  const org = opts.org ?? (cached ? await Org.create({ aliasOrUsername: cached[1].username }) : undefined);
  if (!org) throw messages.createError('error.NeedTargetOrg', [opts.jobId ?? '']);
  const client = DataKitClient.forOrg(org, opts.apiVersion);
  const orgName = org.getUsername() ?? cached?.[1].username ?? 'target-org';

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
    };
  }
  const jobId = opts.jobId!;
  const source: JobSource = JOB_ID.test(jobId) ? { jobId } : { interviewId: jobId };
  return { jobId, source, kind: 'jobId' in source ? 'deploy' : 'unwrap', orgName, expected: [], client, fromCache: false };
}
