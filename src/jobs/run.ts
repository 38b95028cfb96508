/*
 * Watch a job with live progress, then report it: summary table, failures with their log errors, the job's own
 * error, the next command to run, JUnit when asked, the job cache, and the exit code. Shared by deploy, deploy
 * report and resume, undeploy, unwrap and the post-deploy hook, so they all behave the same.
 */
import { Messages, SfError } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import { EXIT_BY_OUTCOME } from '../deploy/outcome.js';
import { idOfSource, type JobKind, type JobResult, type JobSource, type Ref } from '../deploy/types.js';
import { JobNotFoundError, JobOfAnotherKitError, watchJob } from '../deploy/watcher.js';
import { jobReport } from '../output/jobReport.js';
import { writeJunit, junitDir } from '../output/junit.js';
import { JobProgress, type ProgressOptions } from '../output/progress.js';
import { EXIT } from '../shared/exitCodes.js';
import { withInterrupt } from '../shared/interrupt.js';
import { reportCommand, resumeCommand } from '../shared/nextCommands.js';
import type { JobUx } from '../shared/ux.js';
import { JobCache } from './cache.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

export type RunJobOptions = {
  client: DataKitClient;
  ux: JobUx;
  /** how progress is shown (progressMode() for commands; 'lines' on stderr for the hook) */
  progress: ProgressOptions['mode'];
  progressWrite?: (line: string) => void;
  kind: JobKind;
  source: JobSource;
  /** unknown when resuming a job that is not in the cache: the deployment log names it */
  kit?: string;
  orgName: string;
  dataSpace?: string;
  expected: Ref[];
  /** the job exists for sure (started here, or in the cache for this org) */
  known: boolean;
  /** minutes; undefined waits until the job ends */
  waitMinutes?: number;
  junit?: { enabled: boolean; dir?: string };
  /** report only describes the job; it exits 0 whatever the job's state (deploy-retrieve does the same) */
  setExitCode?: boolean;
  componentsOfKit?: (kit: string) => Promise<Ref[]>;
};

export async function runJob(opts: RunJobOptions): Promise<JobResult> {
  const jobId = idOfSource(opts.source);
  const progress = await JobProgress.start({
    kind: opts.kind,
    jobId,
    kit: opts.kit,
    org: opts.orgName,
    total: opts.expected.length,
    mode: opts.progress,
    write: opts.progressWrite ?? ((line): void => opts.ux.log(line)),
  });
  let watched: JobResult;
  try {
    watched = await withInterrupt((signal) =>
      watchJob({
        client: opts.client,
        source: opts.source,
        kind: opts.kind,
        kit: opts.kit,
        expected: opts.expected,
        known: opts.known,
        timeoutMs: opts.waitMinutes === undefined ? Infinity : opts.waitMinutes * 60_000,
        signal,
        onUpdate: (p) => progress.update(p),
        componentsOfKit: opts.componentsOfKit,
      })
    );
  } catch (e) {
    progress.error();
    if (e instanceof JobNotFoundError) throw messages.createError('error.JobNotFound', [jobId, opts.orgName]);
    if (e instanceof JobOfAnotherKitError)
      throw messages.createError('error.JobOfAnotherKit', [jobId, opts.orgName, e.jobKit, e.watchedKit]);
    // the job is safe in the org even when we cannot read it: always say how to pick it up again
    const err = SfError.wrap(e as Error);
    err.actions = [
      ...(err.actions ?? []),
      messages.getMessage('info.lostTrack', [jobId, resumeCommand(jobId, opts.orgName)]),
    ];
    throw err;
  }
  progress.finish(watched);
  const result: JobResult = {
    ...watched,
    targetOrg: opts.orgName,
    ...(opts.dataSpace ? { dataSpace: opts.dataSpace } : {}),
  };
  await JobCache.recordOutcome(jobId, result.outcome).catch(() => undefined);

  const report = jobReport(result, { orgName: opts.orgName, resumeCommand: resumeCommand(jobId, opts.orgName) });
  if (report.rows.length) opts.ux.table(report.rows, report.columns);
  for (const w of report.warnings) opts.ux.warn(w);
  // a warning, so the resume command also reaches --json output: CI needs it most
  if (report.summary.tone === 'success') opts.ux.success(report.summary.text);
  else if (report.summary.tone === 'failure') opts.ux.log(report.summary.text);
  else opts.ux.warn(report.summary.text);

  let exitCode: number = EXIT_BY_OUTCOME[result.outcome];
  if (opts.junit?.enabled) {
    try {
      result.junitFile = await writeJunit(result, opts.junit.dir);
      opts.ux.log(messages.getMessage('info.junit', [result.junitFile]));
    } catch (e) {
      // the job's result is printed already; the missing file still fails the step
      result.junitError = messages.getMessage('error.ReportNotWritten', [
        result.outcome,
        junitDir(jobId, opts.junit.dir),
        (e as Error).message,
      ]);
      opts.ux.warn(
        `${result.junitError} ${messages.getMessages('error.ReportNotWritten.actions', [reportCommand(jobId, opts.orgName, ' --junit')]).join(' ')}`
      );
      if (exitCode === EXIT.success || opts.setExitCode === false) exitCode = EXIT.failure;
      if (opts.setExitCode === false) process.exitCode = exitCode;
    }
  }
  if (opts.setExitCode !== false) process.exitCode = exitCode;
  return result;
}
