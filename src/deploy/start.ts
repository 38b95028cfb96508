/*
 * Starting a kit's deploy job as real orgs take it: a standard kit sends its components; a DevOps kit the
 * developer guide's body, else the empty one (F3). And the retry operators do by hand (F6): right after a
 * metadata deploy the first job often ends Error at once (objects locked, metadata still settling) and a new one
 * 30-60 s later goes through. Permission, licence and feature errors fail the same way every time: never retried.
 */
import { Messages } from '@salesforce/core';
import type { OrgWriter } from '../api/writer.js';
import type { DataKitDeployComponent } from '../api/types.js';
import { numberFromEnv } from '../shared/env.js';
import { sleep } from '../shared/interrupt.js';
import type { JobResult } from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

/** Starts the deploy; `note` hears which body a DevOps kit's org took. */
export async function startKitDeploy(
  client: OrgWriter,
  kit: string,
  body: DataKitDeployComponent[] | undefined,
  dataSpace: string | undefined,
  note: (text: string) => void
): Promise<string> {
  if (body) return client.deploy(kit, body, dataSpace);
  const started = await client.deployDevOps(kit, dataSpace);
  note(messages.getMessage(started.body === 'developerName' ? 'info.devOpsBodyNamed' : 'info.devOpsBodyEmpty', [kit]));
  return started.jobId;
}

/** Errors that fail the same way every time (Salesforce's solution-kit installers' fail-fast list). */
const PERMANENT =
  /INSUFFICIENT_ACCESS|LICENSE_LIMIT_EXCEEDED|FEATURE_NOT_ENABLED|INVALID_TYPE|SFDC_PERMISSION_ERR|permission|not licensed/i;
/** Errors of a job that met objects still locked by a metadata deploy. */
const SETTLING = /lock|settling|exclusive access|contention|try again/i;

/**
 * A job that ended on a lock: its error says so and none is a permanent one. Components may read as succeeded all
 * the same: an org reports ACTIVE for what was already active (F4), so "nothing succeeded" proves nothing here, and
 * a new job redeploys what is active without harm.
 */
export function endedOnSettling(job: JobResult): boolean {
  if (job.outcome !== 'Failed' && job.outcome !== 'SucceededPartial') return false;
  const errors = [job.jobError, ...job.components.map((c) => c.error)].filter((e): e is string => !!e);
  return errors.some((e) => SETTLING.test(e)) && !errors.some((e) => PERMANENT.test(e));
}

/** How many jobs in all, and the wait before each new one (30 s, then 60 s; SF_DATAKIT_SETTLE_RETRY_MS scales). */
export const SETTLE_ATTEMPTS = 3;
const settleWaitMs = (attempt: number): number =>
  numberFromEnv('SF_DATAKIT_SETTLE_RETRY_MS', 30_000, 0, 600_000) * (attempt === 1 ? 1 : 2);

/**
 * After attempt `attempt` of a job ended: when it ended on a settling lock and attempts remain, says so, waits and
 * answers true (start it again); otherwise false.
 */
export async function retryAfterSettling(
  attempt: number,
  jobId: string,
  job: JobResult | undefined,
  ux: { warn(text: string): void }
): Promise<boolean> {
  if (!job || attempt >= SETTLE_ATTEMPTS || !endedOnSettling(job)) return false;
  const wait = settleWaitMs(attempt);
  ux.warn(
    messages.getMessage('warning.settlingRetry', [
      jobId,
      job.jobError ?? '',
      Math.round(wait / 1000),
      attempt + 1,
      SETTLE_ATTEMPTS,
    ])
  );
  await sleep(wait);
  return true;
}
