/*
 * From job and component states to the outcome and the exit code (0, 1, 68, 69 as in `sf project deploy`).
 * Job statuses are BackgroundOperation's (New, Running, Complete, Error, ...) and the deployment log's
 * (Started, Successful, Failed), in whatever case the org sends them.
 */
import { EXIT } from '../shared/exitCodes.js';
import type { ComponentProgress, ComponentState, JobKind, JobOutcome } from './types.js';

const SUCCESS = new Set(['complete', 'completed', 'successful', 'success', 'succeeded']);
const FAILURE = new Set(['error', 'failed', 'aborted', 'canceled', 'cancelled']);

export const isSuccessStatus = (jobStatus: string): boolean => SUCCESS.has(jobStatus.toLowerCase());
export const isTerminal = (jobStatus: string): boolean =>
  isSuccessStatus(jobStatus) || FAILURE.has(jobStatus.toLowerCase());

/** A deployment log row's status as a component state. */
export function stateOfLogStatus(status: string | undefined): ComponentState | undefined {
  const s = status?.toLowerCase();
  if (s === undefined) return undefined;
  if (s === 'started' || s === 'running' || s === 'processing' || s === 'inprogress') return 'InProgress';
  if (SUCCESS.has(s)) return 'Succeeded';
  if (FAILURE.has(s)) return 'Failed';
  return undefined;
}

/**
 * A component's state from its deployment-status code once the job is over. For a deploy ACTIVE is done; for an
 * undeploy NOT_DEPLOYED is. A component still in its starting state was not reached by the job.
 */
export function stateOfStatusCode(kind: JobKind, code: string): ComponentState | undefined {
  switch (code) {
    case 'ERROR':
      return 'Failed';
    case 'PROCESSING':
    case 'DELETING':
      return 'InProgress';
    case 'ACTIVE':
      return kind === 'undeploy' ? 'NotStarted' : 'Succeeded';
    case 'NOT_DEPLOYED':
      return kind === 'undeploy' ? 'Succeeded' : 'NotStarted';
    default:
      return undefined;
  }
}

/** Succeeded only when every component did; a failed job with some successes is partial. */
export function outcomeOf(jobStatus: string, components: ComponentProgress[]): JobOutcome {
  if (!isTerminal(jobStatus)) return 'InProgress';
  const succeeded = components.filter((c) => c.state === 'Succeeded').length;
  if (isSuccessStatus(jobStatus) && succeeded === components.length) return 'Succeeded';
  return succeeded > 0 ? 'SucceededPartial' : 'Failed';
}

export const EXIT_BY_OUTCOME: Record<JobOutcome, number> = {
  Succeeded: EXIT.success,
  SucceededPartial: EXIT.partial,
  Failed: EXIT.failure,
  InProgress: EXIT.inProgress,
};
