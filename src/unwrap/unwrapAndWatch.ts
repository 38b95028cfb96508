/*
 * Start an unwrap and watch it to the end, as "sf datakit unwrap" prints it. Shared by unwrap, promote and the
 * post-deploy hook (which hands in a ux on stderr and leaves the exit code alone).
 */
import { Messages } from '@salesforce/core';
import type { OrgWriter } from '../api/writer.js';
import type { DataKitDetails } from '../api/types.js';
import type { ConfigOverrides } from '../deploy/config.js';
import { retryAfterSettling } from '../deploy/start.js';
import type { JobResult, Ref } from '../deploy/types.js';
import { rememberJob } from '../jobs/cache.js';
import { runJob } from '../jobs/run.js';
import { resumeCommand } from '../shared/nextCommands.js';
import type { ChecklistItem } from '../kits/checklist.js';
import { refKey } from '../kits/componentRef.js';
import { formatChecklist } from '../output/checklist.js';
import type { ProgressOptions } from '../output/progress.js';
import type { JobUx } from '../shared/ux.js';
import { startUnwrap, type UnwrapMethod, type UnwrapSelection } from './unwrap.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.unwrap');

export type UnwrapOutcome = {
  method?: 'connect' | 'flow';
  jobId?: string;
  alreadyActive: Ref[];
  checklist: ChecklistItem[];
  job?: JobResult;
};

export type UnwrapAndWatchOptions = {
  client: OrgWriter;
  kit: DataKitDetails;
  orgId: string;
  orgName: string;
  ux: JobUx;
  progress: ProgressOptions['mode'];
  progressWrite?: (line: string) => void;
  dataSpace?: string;
  overrides?: ConfigOverrides;
  method?: UnwrapMethod;
  async?: boolean;
  waitMinutes?: number;
  junit?: { enabled: boolean; dir?: string };
  /** false for the hook: a metadata deploy's exit code is not ours to change */
  setExitCode?: boolean;
  /** beyond what is not active yet: active components to deploy again, or only these */
  selection?: UnwrapSelection;
};

/** Unwraps, and unwraps again while the job ends on objects still locked by the metadata deploy (F6). */
export async function unwrapAndWatch(opts: UnwrapAndWatchOptions): Promise<UnwrapOutcome> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await unwrapOnce(opts);
    if (!(await retryAfterSettling(attempt, outcome.jobId ?? '', outcome.job, opts.ux))) return outcome;
  }
}

async function unwrapOnce(opts: UnwrapAndWatchOptions): Promise<UnwrapOutcome> {
  const name = opts.kit.developerName;
  const start = await startUnwrap(opts.client, opts.kit, {
    orgId: opts.orgId,
    dataSpace: opts.dataSpace,
    overrides: opts.overrides,
    method: opts.method,
    note: (text) => opts.ux.info(text),
    ...opts.selection,
  });
  if (start.alreadyActive.length)
    opts.ux.info(messages.getMessage('info.alreadyActive', [start.alreadyActive.map(refKey).join(', ')]));
  const base = { alreadyActive: start.alreadyActive, checklist: start.checklist };
  if (!start.started) {
    opts.ux.success(messages.getMessage('info.nothingToDo', [name]));
    return base;
  }
  opts.ux.log(
    messages.getMessage(start.method === 'connect' ? 'info.startedConnect' : 'info.startedFlow', [start.jobId])
  );
  await rememberJob(start.jobId, {
    kind: 'unwrap',
    kit: name,
    username: opts.orgName,
    orgId: opts.orgId,
    dataSpace: start.dataSpace,
    components: start.expected,
    ...('interviewId' in start.source ? { interviewId: start.source.interviewId } : {}),
  });
  const started = { ...base, method: start.method, jobId: start.jobId };
  if (opts.async) {
    opts.ux.log(messages.getMessage('info.async', [resumeCommand(start.jobId, opts.orgName)]));
    return started;
  }
  const job = await runJob({
    client: opts.client,
    ux: opts.ux,
    progress: opts.progress,
    progressWrite: opts.progressWrite,
    kind: 'unwrap',
    source: start.source,
    kit: name,
    orgName: opts.orgName,
    dataSpace: start.dataSpace,
    expected: start.expected,
    known: true,
    waitMinutes: opts.waitMinutes,
    junit: opts.junit,
    setExitCode: opts.setExitCode,
  });
  if (job.outcome !== 'Failed') opts.ux.log(formatChecklist(name, start.checklist));
  return { ...started, job };
}
