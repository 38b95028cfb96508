/*
 * Live progress of a job, in sf's multi-stage style (plain lines in CI, nothing under --json).
 * The renderer (ink) is loaded only when something will be shown.
 */
import type { MultiStageOutput } from '@oclif/multi-stage-output';
import type { Progress } from '../deploy/watcher.js';
import type { JobKind, JobResult } from '../deploy/types.js';

type Data = { jobId: string; kit: string; org: string; done: string; current: string; failed: string; jobStatus: string };

const WORKING: Record<JobKind, string> = { deploy: 'Deploying components', undeploy: 'Undeploying components', unwrap: 'Unwrapping components' };

export class JobProgress {
  private mso?: MultiStageOutput<Data>;
  private readonly stages: string[];

  private constructor(kind: JobKind) {
    this.stages = ['Waiting for the org to start the job', WORKING[kind], 'Done'];
  }

  public static async start(kind: JobKind, data: { jobId: string; kit: string; org: string; total: number }, jsonEnabled: boolean): Promise<JobProgress> {
    const progress = new JobProgress(kind);
    if (jsonEnabled) return progress;
    const { MultiStageOutput: Mso } = await import('@oclif/multi-stage-output');
    const working = progress.stages[1];
    progress.mso = new Mso<Data>({
      title: `${kind === 'deploy' ? 'Deploying' : kind === 'undeploy' ? 'Undeploying' : 'Unwrapping'} data kit ${data.kit}`,
      jsonEnabled,
      stages: progress.stages,
      data: { jobId: data.jobId, kit: data.kit, org: data.org, done: `0/${data.total}` },
      stageSpecificBlock: [
        { label: 'Components', stage: working, type: 'dynamic-key-value', get: (d) => d?.done },
        { label: 'Current', stage: working, type: 'dynamic-key-value', get: (d) => d?.current },
        { label: 'Failed', stage: working, type: 'dynamic-key-value', get: (d) => d?.failed, color: 'red' },
      ],
      postStagesBlock: [
        { label: 'Job Status', type: 'dynamic-key-value', get: (d) => d?.jobStatus },
        { label: 'Job ID', type: 'static-key-value', get: (d) => d?.jobId, neverCollapse: true },
        { label: 'Target Org', type: 'static-key-value', get: (d) => d?.org },
      ],
    });
    progress.mso.goto(progress.stages[0]);
    return progress;
  }

  public update(p: Progress): void {
    if (!this.mso) return;
    const finished = p.components.filter((c) => c.state === 'Succeeded' || c.state === 'Failed').length;
    const failed = p.components.filter((c) => c.state === 'Failed');
    const current = p.components.find((c) => c.state === 'InProgress');
    const data: Partial<Data> = {
      jobStatus: p.jobStatus,
      done: `${finished}/${p.components.length}`,
      current: current ? `${current.type}:${current.name}` : undefined,
      failed: failed.length ? failed.map((c) => c.name).join(', ') : undefined,
    };
    if (p.jobStatus === 'New' || p.jobStatus === 'Waiting') this.mso.updateData(data);
    else this.mso.goto(this.stages[1], data);
  }

  public finish(result: JobResult): void {
    if (!this.mso) return;
    if (result.stoppedWatching) {
      this.mso.stop('paused');
      return;
    }
    this.mso.goto(this.stages[2], { jobStatus: result.jobStatus });
    this.mso.stop(result.outcome === 'Succeeded' ? 'completed' : result.outcome === 'SucceededPartial' ? 'warning' : 'failed');
  }

  public error(): void {
    this.mso?.error();
  }
}
