/*
 * From job and component states to the outcome and the exit code (0, 1, 68, 69 as in `sf project deploy`).
 */
import { EXIT } from '../shared/exitCodes.js';
import type { ComponentProgress, JobOutcome } from './types.js';

const SUCCESS = new Set(['Complete', 'Completed', 'Successful']);
const FAILURE = new Set(['Error', 'Failed', 'Aborted', 'Canceled']);

export const isTerminal = (jobStatus: string): boolean => SUCCESS.has(jobStatus) || FAILURE.has(jobStatus);

export function outcomeOf(jobStatus: string, components: ComponentProgress[]): JobOutcome {
  if (!isTerminal(jobStatus)) return 'InProgress';
  const failed = components.some((c) => c.state === 'Failed');
  const succeeded = components.some((c) => c.state === 'Succeeded');
  if (SUCCESS.has(jobStatus) && !failed) return 'Succeeded';
  return succeeded ? 'SucceededPartial' : 'Failed';
}

export const EXIT_BY_OUTCOME: Record<JobOutcome, number> = {
  Succeeded: EXIT.success,
  SucceededPartial: EXIT.partial,
  Failed: EXIT.failure,
  InProgress: EXIT.inProgress,
};
