/*
 * --activate: run what a kit needs to work, in dependency order: refresh the streams (data in), run the transforms
 * (on that data), identity resolution (profiles from the mapped data), calculated insights (on profiles and each
 * other, in the kit's order), publish the segments (on the insights) and their activations. One at a time, each
 * watched to its end. Nothing is started while it runs already (that run is watched instead), nothing that is done
 * is run again, and a stream whose connection has no credentials is not started at all.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { OrgWriter } from '../api/writer.js';
import type { LiveKind, LiveResource } from '../api/types.js';
import type { ComponentProgress, JobOutcome } from '../deploy/types.js';
import { pollIntervalMs } from '../shared/env.js';
import { sleep } from '../shared/interrupt.js';
import { ApiError, InterruptedError } from '../api/errors.js';
import { phaseOf } from './phase.js';
import { withRowsOf, type VerifiedItem } from './read.js';
import { crmRefusal, howToStart } from './runStart.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'verify');

/** what a read stopped by Ctrl-C stands for */
const STOPPED: unique symbol = Symbol('stopped');

/** polls after a start without any sign of the run before it is reported as not readable */
const SILENT_POLLS = 6;

export const RUN_ORDER: LiveKind[] = ['stream', 'transform', 'identityResolution', 'insight', 'segment', 'activation'];

/** Open: a person has to act, and nothing failed (a CRM stream refreshed in Setup, a run that wrote no rows). */
export type RunOutcome = {
  component: string;
  kind: LiveKind;
  name: string;
  outcome: 'Succeeded' | 'Failed' | 'InProgress' | 'Open';
  detail: string;
  lastRunAt?: string;
  /** Open without a run: nothing was started (the step is a person's) */
  manual?: boolean;
};

export type ActivateOptions = {
  client: OrgWriter;
  items: VerifiedItem[];
  waitMinutes: number;
  onProgress?: (components: ComponentProgress[]) => void;
  signal?: AbortSignal;
};

/** What --activate would run: resources the org has that are not done, in run order, the kit's order within each kind. */
export function runnable(items: VerifiedItem[]): Array<VerifiedItem & { kind: LiveKind }> {
  return items
    .map((item, i) => ({ item, i }))
    .filter(
      (x): x is { item: VerifiedItem & { kind: LiveKind }; i: number } =>
        RUN_ORDER.includes(x.item.kind as LiveKind) && !x.item.absent && x.item.state !== 'done'
    )
    .sort((a, b) => RUN_ORDER.indexOf(a.item.kind) - RUN_ORDER.indexOf(b.item.kind) || a.i - b.i)
    .map((x) => x.item);
}

const finished = (r: LiveResource | undefined): boolean => ['succeeded', 'failed'].includes(phaseOf(r?.lastRun));

const outcomeOf = (item: VerifiedItem & { kind: LiveKind }): Pick<RunOutcome, 'component' | 'kind' | 'name'> => ({
  component: item.component,
  kind: item.kind,
  name: item.name,
});

/** How a run that ended went; a transform that wrote no rows is left open (G4). */
async function endedRun(
  opts: ActivateOptions,
  item: VerifiedItem & { kind: LiveKind },
  r: LiveResource | undefined
): Promise<RunOutcome> {
  const ok = phaseOf(r?.lastRun) === 'succeeded';
  const empty = ok ? await wroteNothing(opts.client, item, r) : undefined;
  if (empty) return { ...outcomeOf(item), outcome: 'Open', detail: empty };
  return {
    ...outcomeOf(item),
    outcome: ok ? 'Succeeded' : 'Failed',
    detail: ok
      ? messages.getMessage('detail.succeeded', [r?.lastRun ?? '', r?.lastRunAt ?? '?'])
      : messages.getMessage('detail.failed', [r?.lastRun ?? '', r?.error ?? messages.getMessage('detail.noError')]),
    ...(r?.lastRunAt ? { lastRunAt: r.lastRunAt } : {}),
  };
}

/** Polls the resource until its run ends (a new one: it was seen running, or its last-run time moved). */
async function watch(
  opts: ActivateOptions,
  item: VerifiedItem & { kind: LiveKind },
  before: string | undefined,
  deadline: number
): Promise<RunOutcome> {
  let wait = pollIntervalMs();
  let seenRunning = item.state === 'running';
  // after a failed run, an ended status is this run's only once it was seen running or its time moved; a
  // resource that had not ended a run before has nothing to mistake for it
  const endedBefore = item.state === 'failed';
  let silent = 0;
  for (;;) {
    const read = await opts.client.liveResource(item.kind, item.name).catch((e: Error): typeof STOPPED => {
      if (e instanceof InterruptedError) return STOPPED;
      throw e;
    });
    if (read === STOPPED)
      return { ...outcomeOf(item), outcome: 'InProgress', detail: messages.getMessage('detail.stoppedWatching') };
    const r = read;
    if (phaseOf(r?.lastRun) === 'running') seenRunning = true;
    const ended = finished(r) && (seenRunning || !endedBefore || r?.lastRunAt !== before);
    if (ended) return endedRun(opts, item, r);
    // a run that never shows as going or ended: the org does not report it, and waiting longer tells nothing
    silent = seenRunning ? 0 : silent + 1;
    if (silent >= SILENT_POLLS)
      return {
        ...outcomeOf(item),
        outcome: 'Failed',
        detail: messages.getMessage('detail.noStatus', [r?.lastRun ?? '-']),
      };
    if (Date.now() + wait > deadline)
      return { ...outcomeOf(item), outcome: 'InProgress', detail: messages.getMessage('detail.stillRunning') };
    await sleep(wait, opts.signal);
    // Ctrl-C or SIGTERM stops the watching, not the run: it goes on in Data Cloud
    if (opts.signal?.aborted)
      return { ...outcomeOf(item), outcome: 'InProgress', detail: messages.getMessage('detail.stoppedWatching') };
    wait = Math.min(Math.round(wait * 1.5), 10_000);
  }
}

/** A transform run that ended well but wrote no rows (G4): the reason, else undefined. */
async function wroteNothing(
  client: DataKitClient,
  item: VerifiedItem & { kind: LiveKind },
  r: LiveResource | undefined
): Promise<string | undefined> {
  if (item.kind !== 'transform') return undefined;
  const after = await withRowsOf(client, { ...item, state: 'done', detail: r?.lastRun ?? '' });
  return after.state === 'open' ? after.detail : undefined;
}

async function runOne(
  opts: ActivateOptions,
  item: VerifiedItem & { kind: LiveKind },
  deadline: number
): Promise<RunOutcome> {
  const failed = (detail: string): RunOutcome => ({ ...outcomeOf(item), outcome: 'Failed', detail });
  if (item.kind === 'stream') {
    const connection = opts.items.find((c) => c.kind === 'connection' && c.streams?.includes(item.name));
    if (connection && connection.state !== 'done')
      return failed(messages.getMessage('detail.blocked', [connection.name]));
  }
  if (item.state === 'running') return watch(opts, item, item.lastRunAt, deadline);
  const how = howToStart(item);
  if ('manual' in how) return { ...outcomeOf(item), outcome: 'Open', manual: true, detail: how.manual };
  if ('failed' in how) return failed(how.failed);
  try {
    const start = await opts.client.startRun(item.kind, how.ref, how.options);
    if (!start.started && !start.alreadyRunning)
      return failed(messages.getMessage('detail.startFailed', [start.error ?? messages.getMessage('detail.noError')]));
  } catch (e) {
    if (e instanceof InterruptedError)
      return { ...outcomeOf(item), outcome: 'InProgress', detail: messages.getMessage('detail.stoppedWatching') };
    // a CRM stream the org will not refresh through the API after all (400 non-interactive, 412 not a full refresh)
    if (item.kind === 'stream' && e instanceof ApiError && (e.status === 400 || e.status === 412) && crmRefusal(e))
      return {
        ...outcomeOf(item),
        outcome: 'Open',
        manual: true,
        detail: messages.getMessage('detail.crmRefused', [e.message]),
      };
    return failed(messages.getMessage('detail.startFailed', [(e as Error).message]));
  }
  const run = await watch(opts, item, item.lastRunAt, deadline);
  return how.said && run.outcome !== 'Failed' ? { ...run, detail: `${run.detail}; ${how.said}` } : run;
}

/** Each run's outcome and the whole activation's, in deploy's words (they pick the exit code). */
export async function activate(opts: ActivateOptions): Promise<{ runs: RunOutcome[]; outcome: JobOutcome }> {
  const todo = runnable(opts.items);
  const deadline = Date.now() + opts.waitMinutes * 60_000;
  const progress: ComponentProgress[] = todo.map((i) => ({
    type: i.component.split(':')[0],
    name: i.name,
    state: 'NotStarted',
  }));
  const runs: RunOutcome[] = [];
  for (const [i, item] of todo.entries()) {
    progress[i].state = 'InProgress';
    opts.onProgress?.(progress);
    const run = await runOne(opts, item, deadline);
    runs.push(run);
    progress[i].state = run.outcome === 'Open' ? (run.manual ? 'NotStarted' : 'Succeeded') : run.outcome;
    if (run.outcome === 'Failed') progress[i].error = run.detail;
    opts.onProgress?.(progress);
    // the wait ran out: what follows needs this run, so it is not started
    if (run.outcome === 'InProgress') break;
  }
  // open steps are a person's to take: they fail nothing, and the open items they leave decide the exit code
  const failedCount = runs.filter((r) => r.outcome === 'Failed').length;
  const ran = runs.filter((r) => r.outcome !== 'Open').length;
  const outcome: JobOutcome = runs.some((r) => r.outcome === 'InProgress')
    ? 'InProgress'
    : failedCount === 0
      ? 'Succeeded'
      : failedCount === ran
        ? 'Failed'
        : 'SucceededPartial';
  return { runs, outcome };
}
