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
import type { JobRecord } from '../api/types.js';
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
    // jobs/run.ts tells the user, in words from messages/; this text is for stack traces only
    super(`${jobKit} != ${watchedKit}`);
    this.name = 'JobOfAnotherKit';
  }
}

/** Poll intervals: SF_DATAKIT_POLL_MS sets the first one (tests and benchmarks use a short one). */
export function defaultPollMs(): { initial: number; max: number } {
  const initial = pollIntervalMs();
  return { initial, max: Math.max(initial, Math.min(initial * 10, 10_000)) };
}

const notStarted = (r: Ref): ComponentProgress => ({
  type: r.type,
  name: r.name,
  ...(r.apiName ? { apiName: r.apiName } : {}),
  state: 'NotStarted',
});

/** The job's own record: the job resource where the org has one (F5), else its BackgroundOperation row. */
async function jobRecord(client: DataKitClient, source: JobSource): Promise<JobRecord | undefined> {
  if (!('jobId' in source)) return undefined;
  const reading = await client.deployJob(source.jobId);
  if (!reading) return client.backgroundOperation(source.jobId);
  return {
    id: source.jobId,
    ...(reading.status ? { status: reading.status } : {}),
    ...(reading.errors.length ? { error: reading.errors.join('; ') } : {}),
  };
}

/**
 * The job's record and its log, read side by side. The org moves between the two answers: a job seen ended may
 * have ended after its log was read, so its log is read once more then (it is complete once the job has ended).
 */
async function readPoll(client: DataKitClient, source: JobSource): Promise<PollRecords> {
  const [job, logs] = await Promise.all([jobRecord(client, source), client.deploymentLogs(source)]);
  if (job?.status && isTerminal(job.status)) return { job, logs: await client.deploymentLogs(source) };
  return { job, logs };
}

/** What one watch knows so far; each poll folds the org's records into it. */
class Watch {
  public components: ComponentProgress[];
  public kit: string | undefined;
  public jobStatus = 'New';
  public jobError: string | undefined;
  public polls = 0;
  /** the last status came from the components' own statuses (no job record): they are fresh already */
  public fromStatuses = false;
  private quiet = 0;
  private seenRecord = false;
  private readonly fallback: StatusFallback;

  public constructor(private readonly opts: WatchOptions) {
    this.components = opts.expected.map(notStarted);
    this.kit = opts.kit;
    this.fallback = new StatusFallback(opts.kind);
  }

  /** One poll: reads the records, updates the state; true when something moved. */
  public async poll(): Promise<boolean> {
    this.polls += 1;
    const records = await readPoll(this.opts.client, this.opts.source);
    const logs = rowsOfKit(records.logs, this.kit);
    // every row naming another kit: this id is another kit's job (another org's id, or a stale cache)
    if (this.kit && records.logs.length > 0 && logs.length === 0)
      throw new JobOfAnotherKitError(records.logs[0].kit!, this.kit);
    this.kit ??= logs.find((r) => r.kit)?.kit;
    if (this.components.length === 0 && this.kit && this.opts.componentsOfKit) {
      this.components = (await this.opts.componentsOfKit(this.kit)).map(notStarted);
    }
    const before = JSON.stringify(this.components);
    this.components = mergeLogs(this.components, logs);
    const moved = JSON.stringify(this.components) !== before;
    this.quiet = moved ? 0 : this.quiet + 1;
    // with the components known, the job ends when each has; a resume without them waits for quiet
    const status = jobStatusOf(
      { job: records.job, logs },
      this.components,
      this.opts.expected.length > 0 ? 0 : this.quiet
    );
    this.fromStatuses = status === undefined;
    this.jobStatus = status ?? (await this.statusFromComponents());
    this.seenRecord ||= status !== undefined;
    this.jobError = jobErrorOf({ job: records.job, logs }) ?? this.jobError;
    this.opts.onUpdate?.({ jobStatus: this.jobStatus, kit: this.kit, components: this.components, polls: this.polls });
    return moved;
  }

  /** Once the job has ended: what the log did not settle, from deployment-status (and a kit that is gone). */
  public async settle(): Promise<void> {
    if (!isTerminal(this.jobStatus) || !this.kit || this.fromStatuses) return;
    const confirmed = await confirmStatuses(this.opts.client, this.kit, this.opts.kind, this.components).catch(
      (e: Error) => {
        if (e instanceof InterruptedError) return undefined;
        throw e;
      }
    );
    if (confirmed) {
      this.components = confirmed.components;
      this.jobError = confirmed.kitGone ?? this.jobError;
    }
  }

  /** The org keeps no record of this job: the components' own statuses are all there is. */
  private async statusFromComponents(): Promise<string> {
    if (!this.opts.known && !this.seenRecord) throw new JobNotFoundError(idOfSource(this.opts.source));
    const read = await this.fallback.read(this.opts.client, this.kit, this.components);
    this.components = read.components;
    return read.status;
  }
}

export async function watchJob(opts: WatchOptions): Promise<JobResult> {
  const started = Date.now();
  const poll = opts.pollMs ?? defaultPollMs();
  const watch = new Watch(opts);
  let interval = poll.initial;
  let stoppedWatching: JobResult['stoppedWatching'];
  // one poll after the other, each waiting for the last: a job is polled, not flooded
  for (;;) {
    let moved: boolean;
    try {
      moved = await watch.poll();
    } catch (e) {
      if (!(e instanceof InterruptedError)) throw e;
      stoppedWatching = 'interrupted';
      break;
    }
    if (isTerminal(watch.jobStatus)) break;
    if (opts.signal?.aborted) stoppedWatching = 'interrupted';
    else if (Date.now() - started >= opts.timeoutMs) stoppedWatching = 'timeout';
    if (stoppedWatching) break;
    interval = moved ? poll.initial : Math.min(poll.max, Math.round(interval * 1.5));
    await sleep(Math.min(interval, Math.max(0, opts.timeoutMs - (Date.now() - started))), opts.signal);
  }
  await watch.settle();
  return {
    jobId: idOfSource(opts.source),
    kind: opts.kind,
    ...(watch.kit ? { kit: watch.kit } : {}),
    outcome: outcomeOf(watch.jobStatus, watch.components),
    jobStatus: watch.jobStatus,
    ...(watch.jobError ? { jobError: watch.jobError } : {}),
    components: watch.components,
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
 * nothing moves any more and every component is final, once something moved. A job never seen moving is not
 * reported done: an org may say ACTIVE at once for a component it is about to redeploy (F4); the watch goes on
 * until --wait runs out and says the job is still unconfirmed (exit 69).
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
    // a status that never moved proves nothing: some orgs say ACTIVE at once for a component being redeployed (F4)
    let status: string;
    if (moving) status = 'Running';
    else if (allFinal && this.sawMovement) status = failed ? 'Error' : 'Complete';
    else if (failed && this.stable >= QUIET_POLLS_TO_END) status = 'Error';
    else status = this.sawMovement ? 'Running' : 'New';
    return { components: next, status };
  }
}
