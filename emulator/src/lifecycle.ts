/*
 * Deploy, undeploy and flow jobs (docs/api-notes.md §9.4). Nothing runs on a timer: every request first
 * calls advanceJobs(), which replays the steps the clock says have elapsed. One step = one component.
 *   New -(step)-> Running, first component Processing/Deleting, log Started
 *   each further step finishes the current component (Active / removed, log Successful) and starts the next
 *   a failure rule or a missing dependency ends the component in Error, its log Failed, the job Error;
 *   later components are left untouched.
 */
import type { EmulatorState } from './state.js';
import type { Job, JobKind, JobStep } from './types.js';
import { foreignIdProblem, retrieverProblem } from './authoredTemplates.js';
import { bundleWentLive } from './runtime.js';
import { LOG_COMPONENT_TYPE } from './vocabulary.js';
import { loggedName } from './fieldNames.js';

const MAX_ERROR_LENGTH = 255; // BackgroundOperation.Error is capped

export function startJob(
  state: EmulatorState,
  params: { kind: JobKind; kit: string; dataSpace: string; steps: JobStep[]; flowInterviewId?: string }
): Job {
  const now = state.now();
  const job: Job = {
    id: state.newId('08P', 15),
    kind: params.kind,
    kit: params.kit,
    dataSpace: params.dataSpace,
    status: 'New',
    steps: params.steps,
    cursor: 0,
    createdAt: now,
    lastAdvance: now,
    flowInterviewId: params.flowInterviewId,
    createdById: state.actingUser(),
  };
  state.jobs.set(job.id, job);
  return job;
}

export function isRunning(job: Job): boolean {
  return job.status === 'New' || job.status === 'Running';
}

export function advanceJobs(state: EmulatorState): void {
  const now = state.now();
  for (const job of state.jobs.values()) {
    if (!isRunning(job)) continue;
    const due = Math.floor((now - job.lastAdvance) / state.options.msPerStep);
    for (let i = 0; i < due && isRunning(job); i++) step(state, job);
    if (due > 0) job.lastAdvance += due * state.options.msPerStep;
  }
}

function step(state: EmulatorState, job: Job): void {
  if (job.status === 'New') {
    job.status = 'Running';
    if (state.options.deploymentLog === 'per-job') writeLog(state, job, undefined);
    if (job.failAtStart) end(state, job, 'Error', job.failAtStart);
    else if (job.steps.length === 0) end(state, job, 'Complete');
    else begin(state, job, job.steps[0]);
    return;
  }
  const current = job.steps[job.cursor];
  const problem = failureOf(state, job, current);
  if (problem) {
    finish(state, job, current, 'Failed', problem);
    end(state, job, 'Error', problem);
    return;
  }
  finish(state, job, current, 'Successful');
  job.cursor += 1;
  if (job.cursor >= job.steps.length) end(state, job, 'Complete');
  else begin(state, job, job.steps[job.cursor]);
}

/** The job's final state; the job-level log row (per-job profile) keeps the whole error, the job only 255 characters. */
function end(state: EmulatorState, job: Job, status: 'Complete' | 'Error', error?: string): void {
  job.status = status;
  if (error) job.error = error.slice(0, MAX_ERROR_LENGTH);
  const row = state.logs.find(
    (l) => l.JobIdentifier === job.id && l.ComponentName === null && l.DeploymentStatus === 'Started'
  );
  if (row) {
    row.DeploymentStatus = status === 'Complete' ? 'Successful' : 'Failed';
    row.DeploymentError = error ?? null;
  }
}

function begin(state: EmulatorState, job: Job, current: JobStep): void {
  const key = `${job.kit}|${current.name}`;
  if (job.kind === 'undeploy') {
    const existing = state.deployed.get(key);
    if (existing) existing.status = 'Deleting';
  } else {
    const existing = state.deployed.get(key);
    // F4: some orgs keep saying ACTIVE while an active component is deployed again
    const stays = existing?.status === 'Active' && state.options.redeployStatus === 'active-at-once';
    state.deployed.set(key, {
      kit: job.kit,
      type: current.type,
      name: current.name,
      componentId: existing?.componentId ?? state.newId('0gO'),
      status: stays ? 'Active' : 'Processing',
    });
  }
  if (state.options.deploymentLog === 'per-component') writeLog(state, job, current);
}

function finish(
  state: EmulatorState,
  job: Job,
  current: JobStep,
  outcome: 'Successful' | 'Failed',
  error?: string
): void {
  const key = `${job.kit}|${current.name}`;
  current.outcome = outcome;
  const existing = state.deployed.get(key);
  if (outcome === 'Failed') {
    if (existing) existing.status = 'Error';
  } else if (job.kind === 'undeploy') {
    state.deployed.delete(key);
  } else if (existing) {
    existing.status = 'Active';
    if (current.type === 'DataStreamBundle') bundleWentLive(state, current);
  }
  const log = state.logs.find(
    (l) =>
      l.JobIdentifier === jobIdentifier(job, current) &&
      l.ComponentName === loggedName(state, current.type, current.name, job.steps.indexOf(current)) &&
      l.DeploymentStatus === 'Started'
  );
  if (log) {
    log.DeploymentStatus = outcome;
    log.DeploymentError = error ?? null;
    // F2: on "Internal Error" rows the type is not to be trusted
    if (error?.startsWith('Internal Error') && state.options.dloListing === 'with-shells')
      log.ComponentType = 'MktDataStream';
  }
}

/** Why this step fails, or undefined. Injected failures first, then dependency rules. */
function failureOf(state: EmulatorState, job: Job, current: JobStep): string | undefined {
  const phase = job.kind === 'undeploy' ? 'undeploy' : 'deploy';
  const rule = state.failureFor(job.kit, current.name, phase);
  if (rule) return rule.message;
  if (phase === 'deploy' && current.type === 'DataLakeObject' && state.options.existingDlo === 'refused') {
    const stream = state.linkedDlos.get(current.name);
    if (stream)
      return `The ${current.name} data lake object already exists in this org and is linked to a data stream.`;
  }
  if (phase === 'deploy') {
    const carried = foreignIdProblem(state, current) ?? retrieverProblem(state, job.kit, current);
    if (carried) return carried;
    const missing = state
      .dependenciesOf(current.type, current.name)
      // DMOs travel with the metadata (mappings), so they are never deployed on their own
      .filter((dep) => dep.type !== 'DataModelObject')
      .find((dep) => ![...state.deployed.values()].some((d) => d.name === dep.name && d.status === 'Active'));
    if (missing)
      return `Dependency not deployed: ${missing.type} ${missing.name} must be deployed before ${current.name}.`;
    return undefined;
  }
  // undeploy: a component another deployed component of the kit still needs cannot go first
  const dependant = [...state.deployed.values()].find(
    (d) =>
      d.kit === job.kit &&
      d.name !== current.name &&
      state.dependenciesOf(d.type, d.name).some((dep) => dep.name === current.name)
  );
  if (dependant)
    return `Cannot undeploy ${current.name}: ${dependant.type} ${dependant.name} depends on it. Undeploy ${dependant.name} first.`;
  return undefined;
}

/** Flow interviews have no job; each component gets its own 08P id, as observed. */
function jobIdentifier(job: Job, current: JobStep): string {
  return job.kind === 'flow' ? `${job.id}${String(job.steps.indexOf(current)).padStart(3, '0')}`.slice(0, 15) : job.id;
}

/** A Started row: for one component, or (current undefined) for the whole job without component fields. */
function writeLog(state: EmulatorState, job: Job, current: JobStep | undefined): void {
  const n = state.logs.length + 1;
  const stamp = new Date(state.now()).toISOString().replace('Z', '+0000');
  const jobId = current ? jobIdentifier(job, current) : job.id;
  state.logs.push({
    Id: state.newId('1LG'),
    Name: `DKDL-${String(n).padStart(6, '0')}`,
    DataKitName: job.kit,
    DataSpaceName: job.dataSpace,
    ComponentName: current ? loggedName(state, current.type, current.name, job.steps.indexOf(current)) : null,
    ComponentType: current ? (LOG_COMPONENT_TYPE[current.type] ?? current.type) : null,
    DeploymentStatus: 'Started',
    DeploymentError: null,
    DeploymentAction: job.kind === 'undeploy' ? 'Undeploy' : 'Deploy',
    DeployJob: jobId,
    JobIdentifier: jobId,
    FlowInterviewIdentifier: job.flowInterviewId ?? null,
    CreatedDate: stamp,
    CreatedById: job.createdById,
  });
}
