/*
 * Watch a job with live progress, then report it: summary table, failures with their log errors, the next
 * command to run, JUnit when asked, the job cache, and the exit code. Shared by deploy, deploy resume,
 * undeploy and unwrap so they all behave the same.
 */
import { Messages, SfError } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { Ref } from '../kits/dependencies.js';
import { JobProgress } from '../output/progress.js';
import { writeJunit } from '../output/junit.js';
import { JobCache } from './jobCache.js';
import { EXIT_BY_OUTCOME } from './outcome.js';
import type { JobKind, JobResult } from './types.js';
import { defaultPollMs, JobNotFoundError, watchJob, type JobSource } from './watcher.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

/** The command's output methods, so nothing here prints on its own. */
export type JobUx = {
  log(text: string): void;
  warn(text: string): void;
  success(text: string): void;
  table(rows: Array<Record<string, unknown>>, columns: Array<{ key: string; name: string }>): void;
};

export type RunJobOptions = {
  client: DataKitClient;
  ux: JobUx;
  jsonEnabled: boolean;
  kind: JobKind;
  source: JobSource;
  /** unknown when resuming a job that is not in the cache: the deployment log names it */
  kit?: string;
  orgName: string;
  dataSpace?: string;
  expected: Ref[];
  /** minutes; undefined waits until the job ends */
  waitMinutes?: number;
  junit?: { enabled: boolean; dir?: string };
  /** report only describes the job; it exits 0 whatever the job's state (deploy-retrieve does the same) */
  setExitCode?: boolean;
};

const VERB: Record<JobKind, string> = { deploy: 'deploy', undeploy: 'undeploy', unwrap: 'unwrap' };

/** The resume command for a job, as the user should type it. */
export function resumeCommand(jobId: string, orgName: string): string {
  return `sf datakit deploy resume --job-id ${jobId} --target-org ${orgName}`;
}

/** Ctrl-C stops the watch, not the job: swap sf's exit-on-SIGINT for an abort while we poll. */
async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const saved = process.listeners('SIGINT');
  process.removeAllListeners('SIGINT');
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C really quits
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await run(controller.signal);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    for (const l of saved) process.on('SIGINT', l);
  }
}

export async function runJob(opts: RunJobOptions): Promise<JobResult> {
  const jobId = 'jobId' in opts.source ? opts.source.jobId : opts.source.interviewId;
  const progress = await JobProgress.start(opts.kind, { jobId, kit: opts.kit ?? jobId, org: opts.orgName, total: opts.expected.length }, opts.jsonEnabled);
  let result: JobResult;
  try {
    result = await withInterrupt((signal) =>
      watchJob({
        client: opts.client,
        source: opts.source,
        kind: opts.kind,
        kit: opts.kit,
        expected: opts.expected,
        timeoutMs: opts.waitMinutes === undefined ? Infinity : opts.waitMinutes * 60_000,
        pollMs: defaultPollMs(),
        signal,
        onUpdate: (p) => progress.update(p),
      })
    );
  } catch (e) {
    progress.error();
    if (e instanceof JobNotFoundError) throw e;
    // the job is safe in the org even when we cannot read it: always say how to pick it up again
    const err = SfError.wrap(e as Error);
    err.actions = [...(err.actions ?? []), messages.getMessage('info.lostTrack', [jobId, resumeCommand(jobId, opts.orgName)])];
    throw err;
  }
  progress.finish(result);
  result = { ...result, targetOrg: opts.orgName, ...(opts.dataSpace ? { dataSpace: opts.dataSpace } : {}) };
  await JobCache.recordOutcome(jobId, result.outcome).catch(() => undefined);
  if (opts.junit?.enabled) result.junitFile = await writeJunit(result, opts.junit.dir);
  report(opts, result);
  if (opts.setExitCode !== false) process.exitCode = EXIT_BY_OUTCOME[result.outcome];
  return result;
}

function report(opts: RunJobOptions, result: JobResult): void {
  const { ux } = opts;
  const kit = result.kit ?? opts.kit ?? '<kit>';
  ux.table(
    result.components.map((c, i) => ({ n: i + 1, type: c.type, name: c.name, result: c.state, status: c.componentStatus ?? '', error: c.error ?? '' })),
    [
      { key: 'n', name: '#' },
      { key: 'type', name: 'Type' },
      { key: 'name', name: 'Name' },
      { key: 'result', name: 'Result' },
      { key: 'status', name: 'Component Status' },
      { key: 'error', name: 'Error' },
    ]
  );
  const done = result.components.filter((c) => c.state === 'Succeeded').length;
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const failed = result.components.filter((c) => c.state === 'Failed');
  for (const f of failed) ux.warn(messages.getMessage('warning.componentFailed', [`${f.type}:${f.name}`, f.error ?? result.jobError ?? 'no error text in the deployment log']));
  const resume = resumeCommand(result.jobId, opts.orgName);
  switch (result.outcome) {
    case 'Succeeded':
      ux.success(messages.getMessage(`info.succeeded.${opts.kind}`, [kit, done, seconds]));
      break;
    case 'SucceededPartial':
    case 'Failed':
      ux.log(
        messages.getMessage(`info.failed.${opts.kind}`, [
          kit,
          failed.length,
          done,
          result.components.length,
          `sf datakit ${VERB[opts.kind]} --name ${kit} --target-org ${opts.orgName}`,
          `sf datakit ${opts.kind === 'undeploy' ? 'status' : 'undeploy'} --name ${kit} --target-org ${opts.orgName}`,
        ])
      );
      break;
    default:
      // a warning, so it also reaches --json output: CI needs the resume command most
      ux.warn(messages.getMessage(result.stoppedWatching === 'interrupted' ? 'info.interrupted' : 'info.stillRunning', [result.jobId, resume]));
  }
  if (result.junitFile) ux.log(messages.getMessage('info.junit', [result.junitFile]));
}

export async function cacheJob(jobId: string, opts: { kind: JobKind; kit: string; username: string; dataSpace?: string; components: Ref[]; interviewId?: string }): Promise<void> {
  // a cache write failure must not lose the job id: it is printed anyway
  await JobCache.remember(jobId, opts).catch(() => undefined);
}
