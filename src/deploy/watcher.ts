/*
 * Watching a job until it ends, --wait runs out, or Ctrl-C / SIGTERM. Each poll costs two requests whatever the
 * kit's size: the job (BackgroundOperation) and its deployment log rows. The interval starts short and grows by
 * half while nothing changes, back to short when something moves. Once the job has ended, each component's
 * deployment-status settles what the log did not (and one read proves the kit still exists).
 *
 * Orgs differ in what they keep (docs/api-notes.md §3.1): the job status comes from BackgroundOperation, else
 * from a job-level log row, else from the component rows; with no record at all, from the components' own
 * deployment statuses, read every poll.
 */
import { Messages } from '@salesforce/core';
import { InterruptedError } from '../api/errors.js';
import type { DataKitClient } from '../api/client.js';
import { componentStatuses } from '../kits/status.js';
import { pollIntervalMs } from '../shared/env.js';
import { sleep } from '../shared/interrupt.js';
import { isTerminal, outcomeOf, stateOfStatusCode } from './outcome.js';
import {
  jobErrorOf,
  jobStatusOf,
  mergeLogs,
  QUIET_POLLS_TO_END,
  rowsOfKit,
  settled,
  type PollRecords,
} from './records.js';
import { idOfSource, type ComponentProgress, type JobKind, type JobResult, type JobSource, type Ref } from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

export type WatchOptions = {
  client: DataKitClient;
  source: JobSource;
  kind: JobKind;
  kit?: string;
  /** the components the job should touch, in order; more are added as the log reveals them */
  expected: Ref[];
  /** the job is known to exist (this process started it, or the cache has it): never "not found" */
  known: boolean;
  /** stop watching after this long (the job keeps running); Infinity to wait for the end */
  timeoutMs: number;
  pollMs?: { initial: number; max: number };
  signal?: AbortSignal;
  onUpdate?: (progress: Progress) => void;
  /** the components a job of this kit touches, when the records name the kit but not its components */
  componentsOfKit?: (kit: string) => Promise<Ref[]>;
};

export type Progress = { jobStatus: string; kit?: string; components: ComponentProgress[]; polls: number };

/** No record of the job anywhere: not in BackgroundOperation, not in the deployment log. */
export class JobNotFoundError extends Error {}

/** The job's log rows name another kit than the one being watched. */
export class JobOfAnotherKitError extends Error {
  public constructor(
    public readonly jobKit: string,
    public readonly watchedKit: string
  ) {
    super(`job of ${jobKit}, not ${watchedKit}`);
  }
}

/** Poll intervals: SF_DATAKIT_POLL_MS sets the first one (tests and benchmarks use a short one). */
export function defaultPollMs(): { initial: number; max: number } {
  const initial = pollIntervalMs();
  return { initial, max: Math.max(initial, Math.min(initial * 10, 10_000)) };
}

const notStarted = (r: Ref): ComponentProgress => ({ type: r.type, name: r.name, state: 'NotStarted' });

async function readPoll(client: DataKitClient, source: JobSource): Promise<PollRecords> {
  const [job, logs] = await Promise.all([
    'jobId' in source ? client.backgroundOperation(source.jobId) : Promise.resolve(undefined),
    client.deploymentLogs(source),
  ]);
  return { job, logs };
}

export async function watchJob(opts: WatchOptions): Promise<JobResult> {
  const started = Date.now();
  const poll = opts.pollMs ?? defaultPollMs();
  let interval = poll.initial;
  let components = opts.expected.map(notStarted);
  let kit = opts.kit;
  let jobStatus = 'New';
  let jobError: string | undefined;
  let polls = 0;
  let quiet = 0;
  let seenRecord = false;
  let fromStatuses = false;
  const fallback = new StatusFallback(opts.kind);
  let stoppedWatching: JobResult['stoppedWatching'];

  for (;;) {
    polls += 1;
    let records: PollRecords;
    try {
      // eslint-disable-next-line no-await-in-loop -- polling is sequential by nature
      records = await readPoll(opts.client, opts.source);
    } catch (e) {
      if (!(e instanceof InterruptedError)) throw e;
      stoppedWatching = 'interrupted';
      break;
    }
    const logs = rowsOfKit(records.logs, kit);
    // every row naming another kit: this id is another kit's job (another org's id, or a stale cache)
    if (kit && records.logs.length > 0 && logs.length === 0) throw new JobOfAnotherKitError(records.logs[0].kit!, kit);
    kit ??= logs.find((r) => r.kit)?.kit;
    if (components.length === 0 && kit && opts.componentsOfKit) {
      // eslint-disable-next-line no-await-in-loop -- once, when a resume without the cache learns the kit
      components = (await opts.componentsOfKit(kit)).map(notStarted);
    }
    const before = JSON.stringify(components);
    components = mergeLogs(components, logs);
    const moved = JSON.stringify(components) !== before;
    quiet = moved ? 0 : quiet + 1;
    // with the components known, the job ends when each has; a resume without them waits for quiet
    let status = jobStatusOf({ job: records.job, logs }, components, opts.expected.length > 0 ? 0 : quiet);
    fromStatuses = status === undefined;
    if (status === undefined) {
      if (!opts.known && !seenRecord) throw new JobNotFoundError(idOfSource(opts.source));
      // the org keeps no record of this job: the components' own statuses are all there is
      // eslint-disable-next-line no-await-in-loop
      ({ components, status } = await fallback.read(opts.client, kit, components));
    } else {
      seenRecord = true;
    }
    jobStatus = status;
    jobError = jobErrorOf({ job: records.job, logs }) ?? jobError;
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
    interval = moved ? poll.initial : Math.min(poll.max, Math.round(interval * 1.5));
    // eslint-disable-next-line no-await-in-loop
    await sleep(Math.min(interval, Math.max(0, opts.timeoutMs - (Date.now() - started))), opts.signal);
  }

  if (isTerminal(jobStatus) && kit && !fromStatuses) {
    const confirmed = await confirmStatuses(opts.client, kit, opts.kind, components).catch((e: Error) => {
      if (e instanceof InterruptedError) return undefined;
      throw e;
    });
    if (confirmed) {
      components = confirmed.components;
      jobError = confirmed.kitGone ?? jobError;
    }
  }
  return {
    jobId: idOfSource(opts.source),
    kind: opts.kind,
    ...(kit ? { kit } : {}),
    outcome: outcomeOf(jobStatus, components),
    jobStatus,
    ...(jobError ? { jobError } : {}),
    components,
    ...(stoppedWatching ? { stoppedWatching } : {}),
    elapsedMs: Date.now() - started,
  };
}

/** What the log did not settle, from each component's deployment-status; a kit that is gone fails them all. */
async function confirmStatuses(
  client: DataKitClient,
  kit: string,
  kind: JobKind,
  components: ComponentProgress[]
): Promise<{ components: ComponentProgress[]; kitGone?: string }> {
  const unsettled = components.map((c, i) => ({ c, i })).filter(({ c }) => !settled(c));
  // with everything settled by the log, one read still proves the kit is there
  const toRead = unsettled.length
    ? unsettled
    : components.length
      ? [{ c: components.at(-1)!, i: components.length - 1 }]
      : [];
  const readings = await componentStatuses(
    client,
    kit,
    toRead.map(({ c, i }) => ({ ...c, order: i + 1 }))
  );
  const out = components.map((c) => ({ ...c }));
  readings.forEach((r, n) => {
    const c = out[toRead[n].i];
    c.componentStatus = r.status;
    c.state = stateOfStatusCode(kind, r.status) ?? c.state;
  });
  if (!readings.some((r) => r.status === 'KIT_NOT_FOUND')) return { components: out };
  const gone = messages.getMessage('error.kitGone', [kit]);
  if (kind === 'undeploy') return { components: out, kitGone: gone };
  return { components: out.map((c) => ({ ...c, state: 'Failed', componentStatus: 'KIT_NOT_FOUND' })), kitGone: gone };
}

/**
 * For an org that keeps no record of a job: each poll reads every component's status. The job has ended when
 * nothing moves any more and every component is final, once something moved (or after a few quiet polls, for a
 * job too quick to be seen moving).
 */
class StatusFallback {
  private sawMovement = false;
  private stable = 0;
  private last = '';

  public constructor(private readonly kind: JobKind) {}

  public async read(
    client: DataKitClient,
    kit: string | undefined,
    components: ComponentProgress[]
  ): Promise<{ components: ComponentProgress[]; status: string }> {
    if (!kit || components.length === 0) return { components, status: 'Unknown' };
    const readings = await componentStatuses(
      client,
      kit,
      components.map((c, i) => ({ ...c, order: i + 1 }))
    );
    const next = components.map((c, i) => ({
      ...c,
      componentStatus: readings[i].status,
      state: stateOfStatusCode(this.kind, readings[i].status) ?? c.state,
    }));
    const snapshot = readings.map((r) => r.status).join(',');
    const moving = next.some((c) => c.state === 'InProgress');
    if (this.last && snapshot !== this.last) this.sawMovement = true;
    this.sawMovement ||= moving;
    this.stable = snapshot === this.last && !moving ? this.stable + 1 : 0;
    this.last = snapshot;
    const failed = next.some((c) => c.state === 'Failed');
    const allFinal = next.every(settled);
    let status: string;
    if (moving) status = 'Running';
    else if (allFinal && (this.sawMovement || this.stable >= QUIET_POLLS_TO_END))
      status = failed ? 'Error' : 'Complete';
    else if (failed && this.stable >= QUIET_POLLS_TO_END) status = 'Error';
    else status = this.sawMovement ? 'Running' : 'New';
    return { components: next, status };
  }
}
