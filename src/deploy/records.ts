/*
 * What one poll of a job's records says: the BackgroundOperation row (when the org keeps one) and the
 * DataKitDeploymentLog rows, which some orgs write per component, some once per job without component fields,
 * and some not at all (docs/api-notes.md §3.1). Pure functions: the watcher does the reading.
 */
import { nameStem } from '../kits/components.js';
import { normalizeType } from '../api/componentTypes.js';
import type { JobRecord, LogRow } from '../api/types.js';
import { stateOfLogStatus } from './outcome.js';
import type { ComponentProgress } from './types.js';

export type PollRecords = { job?: JobRecord; logs: LogRow[] };

/** Rows naming another kit belong to another job: they never change this one's components. */
export const rowsOfKit = (logs: LogRow[], kit: string | undefined): LogRow[] =>
  kit ? logs.filter((r) => !r.kit || r.kit === kit) : logs;

const componentRows = (logs: LogRow[]): LogRow[] => logs.filter((r) => r.componentName !== undefined);
const jobRows = (logs: LogRow[]): LogRow[] => logs.filter((r) => r.componentName === undefined);

/**
 * The component a log row is about: by its name, else by the name without the org's numeric suffix when that
 * points at one component only (F2: rows say Contact_Home19 for Contact_Home1). The row's type is not asked: on
 * "Internal Error" rows it is not to be trusted.
 */
function componentOfRow(components: ComponentProgress[], name: string): ComponentProgress | undefined {
  const exact = components.find((x) => x.name === name);
  if (exact) return exact;
  const alike = components.filter((x) => nameStem(x.name) === nameStem(name));
  return alike.length === 1 ? alike[0] : undefined;
}

/** Component rows folded into the components, matched by name; rows for components not expected are added. */
export function mergeLogs(components: ComponentProgress[], logs: LogRow[]): ComponentProgress[] {
  const out = components.map((c) => ({ ...c }));
  for (const row of componentRows(logs)) {
    const name = row.componentName!;
    let c = componentOfRow(out, name);
    if (!c)
      out.push(
        (c = {
          type: (row.componentType && normalizeType(row.componentType)) ?? row.componentType ?? 'Unknown',
          name,
          state: 'NotStarted',
        })
      );
    c.state = stateOfLogStatus(row.status) ?? c.state;
    if (row.error) c.error = row.error;
  }
  return out;
}

/** The job's own error: the newest job-level row's, else BackgroundOperation's (cut at 255 characters by the org). */
export function jobErrorOf({ job, logs }: PollRecords): string | undefined {
  const fromLog = jobRows(logs)
    .map((r) => r.error)
    .filter((e): e is string => e !== undefined)
    .at(-1);
  return fromLog ?? job?.error;
}

/**
 * The job's status from what the org kept. undefined when there is no record of the job at all.
 * `quietPolls`: how many polls in a row component rows have been all settled (for orgs with no job row).
 */
export function jobStatusOf(
  { job, logs }: PollRecords,
  components: ComponentProgress[],
  quietPolls: number
): string | undefined {
  if (job?.status) return job.status;
  const jobLevel = jobRows(logs).filter((r) => stateOfLogStatus(r.status));
  if (jobLevel.length) {
    const state = stateOfLogStatus(jobLevel.at(-1)!.status);
    return state === 'Succeeded' ? 'Complete' : state === 'Failed' ? 'Error' : 'Running';
  }
  // rows without a status we can read say nothing about the job
  if (!componentRows(logs).some((r) => stateOfLogStatus(r.status))) return undefined;
  return statusFromComponents(components, quietPolls);
}

/**
 * With only per-component rows: the org stops at the first failure, so a failure with nothing still running ends
 * the job; success needs every component settled, or rows all settled for a few polls (components that the job
 * never writes a row for, such as ones already active).
 */
export function statusFromComponents(components: ComponentProgress[], quietPolls: number): string {
  const running = components.some((c) => c.state === 'InProgress');
  if (running) return 'Running';
  if (components.some((c) => c.state === 'Failed')) return 'Error';
  if (components.length > 0 && components.every((c) => c.state === 'Succeeded')) return 'Complete';
  if (quietPolls >= QUIET_POLLS_TO_END && components.some((c) => c.state === 'Succeeded')) return 'Complete';
  return components.some((c) => c.state !== 'NotStarted') ? 'Running' : 'New';
}

/** Polls in a row with nothing moving before a job without a job record is taken as ended. */
export const QUIET_POLLS_TO_END = 3;

/** Whether every component has a final state from the log (no deployment-status read needed). */
export const settled = (c: ComponentProgress): boolean => c.state === 'Succeeded' || c.state === 'Failed';
