/*
 * Watching a job until it ends, --wait runs out, or Ctrl-C. Each poll costs two requests whatever the kit's
 * size: the job (BackgroundOperation) and its log rows (DataKitDeploymentLog). The interval starts short and
 * grows by half while nothing changes, back to short when a component moves. After the job ends, one
 * deployment-status request per component confirms where each one stands.
 */
import { normalizeType } from '../api/componentTypes.js';
import type { DataKitClient } from '../api/client.js';
import type { DataKitDeploymentLogRecord } from '../api/types.js';
import type { Ref } from '../kits/dependencies.js';
import { componentStatuses } from '../kits/status.js';
import { isTerminal, outcomeOf } from './outcome.js';
import type { ComponentProgress, ComponentState, JobKind, JobResult } from './types.js';

export type JobSource = { jobId: string } | { interviewId: string };

export type WatchOptions = {
  client: DataKitClient;
  source: JobSource;
  kind: JobKind;
  kit?: string;
  /** the components the job should touch, in order; more are added as the log reveals them */
  expected: Ref[];
  /** stop watching after this long (the job keeps running); Infinity to wait for the end */
  timeoutMs: number;
  pollMs?: { initial: number; max: number };
  signal?: AbortSignal;
  onUpdate?: (progress: Progress) => void;
};

export type Progress = { jobStatus: string; kit?: string; components: ComponentProgress[]; polls: number };

const LOG_STATE: Record<string, ComponentState> = { Started: 'InProgress', Successful: 'Succeeded', Completed: 'Succeeded', Failed: 'Failed', Error: 'Failed' };

/** Poll intervals; SF_DATAKIT_POLL_MS sets the first one (tests and benchmarks use a short one). */
export function defaultPollMs(): { initial: number; max: number } {
  const initial = Number(process.env.SF_DATAKIT_POLL_MS ?? 1000);
  return { initial, max: initial * 10 };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

const idOf = (source: JobSource): string => ('jobId' in source ? source.jobId : source.interviewId);

function merge(components: ComponentProgress[], logs: DataKitDeploymentLogRecord[]): ComponentProgress[] {
  const out = components.map((c) => ({ ...c }));
  for (const log of logs) {
    const type = normalizeType(log.ComponentType) ?? log.ComponentType;
    let row = out.find((c) => c.name === log.ComponentName);
    if (!row) out.push((row = { type, name: log.ComponentName, state: 'NotStarted' }));
    row.state = LOG_STATE[log.DeploymentStatus] ?? row.state;
    if (log.DeploymentError) row.error = log.DeploymentError;
  }
  return out;
}

/** For a flow interview there is no job record: it is over when every component has ended, or one failed. */
function flowStatus(components: ComponentProgress[]): string {
  if (components.some((c) => c.state === 'Failed')) return 'Error';
  if (components.length > 0 && components.every((c) => c.state === 'Succeeded')) return 'Complete';
  return components.some((c) => c.state !== 'NotStarted') ? 'Running' : 'Waiting';
}

export class JobNotFoundError extends Error {}

export async function watchJob(opts: WatchOptions): Promise<JobResult> {
  const started = Date.now();
  const poll = opts.pollMs ?? defaultPollMs();
  let interval = poll.initial;
  let components: ComponentProgress[] = opts.expected.map((e) => ({ type: e.type, name: e.name, state: 'NotStarted' }));
  let kit = opts.kit;
  let jobStatus = 'New';
  let jobError: string | undefined;
  let polls = 0;
  let stoppedWatching: JobResult['stoppedWatching'];

  for (;;) {
    polls += 1;
    const source = opts.source;
    // eslint-disable-next-line no-await-in-loop -- polling is sequential by nature
    const [job, logs] = await Promise.all([
      'jobId' in source ? opts.client.backgroundOperation(source.jobId) : Promise.resolve(undefined),
      opts.client.deploymentLogs(source),
    ]);
    if ('jobId' in source && !job) throw new JobNotFoundError(source.jobId);
    const before = JSON.stringify(components);
    components = merge(components, logs);
    kit ??= logs[0]?.DataKitName;
    jobStatus = job ? job.Status : flowStatus(components);
    jobError = job?.Error ?? undefined;
    opts.onUpdate?.({ jobStatus, kit, components, polls });
    if (isTerminal(jobStatus)) break;
    if (opts.signal?.aborted) {
      stoppedWatching = 'interrupted';
      break;
    }
    if (Date.now() - started >= opts.timeoutMs) {
      stoppedWatching = 'timeout';
      break;
    }
    interval = JSON.stringify(components) === before ? Math.min(poll.max, Math.round(interval * 1.5)) : poll.initial;
    // eslint-disable-next-line no-await-in-loop
    await abortableSleep(Math.min(interval, Math.max(0, opts.timeoutMs - (Date.now() - started))), opts.signal);
  }

  if (isTerminal(jobStatus) && kit) components = await confirmStatuses(opts.client, kit, components);
  // a job-level error with no failed component (e.g. rejected before any component ran) belongs to the first unfinished one
  if (jobError && !components.some((c) => c.state === 'Failed')) {
    const stuck = components.find((c) => c.state !== 'Succeeded');
    if (stuck) Object.assign(stuck, { state: 'Failed', error: jobError });
  }
  return {
    jobId: idOf(opts.source),
    kind: opts.kind,
    kit,
    outcome: outcomeOf(jobStatus, components),
    jobStatus,
    ...(jobError ? { jobError } : {}),
    components,
    ...(stoppedWatching ? { stoppedWatching } : {}),
    elapsedMs: Date.now() - started,
  };
}

/** One deployment-status read per component, a few at a time. */
async function confirmStatuses(client: DataKitClient, kit: string, components: ComponentProgress[]): Promise<ComponentProgress[]> {
  const statuses = await componentStatuses(client, kit, components.map((c, i) => ({ ...c, order: i + 1 })));
  return components.map((c, i) => ({ ...c, componentStatus: statuses[i].status }));
}
