/*
 * Live progress of a job. In a terminal, sf's multi-stage display (its renderer, ink, is loaded only then);
 * anywhere else (CI, a pipe, the post-deploy hook on stderr), plain lines written only when something changes,
 * so a long watch costs no CPU while nothing moves. Nothing under --json.
 */
import { Messages } from '@salesforce/core';
import type { MultiStageOutput } from '@oclif/multi-stage-output';
import { printable, printableDeep } from '../shared/safeText.js';
import type { ComponentProgress, JobKind, JobResult } from '../deploy/types.js';
import type { Progress } from '../deploy/watcher.js';
import { numberFromEnv } from '../shared/env.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'progress');

type Data = {
  jobId: string;
  kit: string;
  org: string;
  done: string;
  current: string;
  failed: string;
  jobStatus: string;
};

export type ProgressOptions = {
  /** activate: verify --activate's runs, shown like a job (one run per component: no job id) */
  kind: JobKind | 'activate';
  jobId?: string;
  /** unknown when a resume learns it from the org */
  kit?: string;
  org: string;
  total: number;
  /** tty: the multi-stage display; lines: plain lines through `write`; none: nothing (--json) */
  mode: 'tty' | 'lines' | 'none';
  write?: (line: string) => void;
};

/** The display a command should use: none under --json, the live one only on a terminal outside CI. */
export function progressMode(jsonEnabled: boolean): ProgressOptions['mode'] {
  if (jsonEnabled) return 'none';
  const ci = process.env.CI !== undefined && !['0', 'false'].includes(process.env.CI.toLowerCase());
  return process.stdout.isTTY && !ci ? 'tty' : 'lines';
}

const finished = (c: ComponentProgress): boolean => c.state === 'Succeeded' || c.state === 'Failed';

/**
 * Without a terminal, a line at least this often while a job runs unchanged (SF_DATAKIT_HEARTBEAT_MS, default 5
 * minutes): a whole kit takes 25-45 minutes on a real org, and a CI log silent that long looks hung.
 */
const heartbeatMs = (): number => numberFromEnv('SF_DATAKIT_HEARTBEAT_MS', 300_000, 1000, 3_600_000);

export class JobProgress {
  private mso?: MultiStageOutput<Data>;
  private lastLine = '';
  private readonly startedAt = Date.now();
  private lastWriteAt = Date.now();
  private last = { status: '', done: -1, failed: 0 };
  private readonly stages: string[];

  private constructor(private readonly opts: ProgressOptions) {
    this.stages = [
      messages.getMessage('stage.waiting'),
      messages.getMessage(`stage.working.${opts.kind}`),
      messages.getMessage('stage.done'),
    ];
  }

  public static async start(opts: ProgressOptions): Promise<JobProgress> {
    const progress = new JobProgress(opts);
    if (opts.mode === 'tty') await progress.startLive();
    if (opts.mode === 'lines')
      progress.write(
        [
          progress.title(),
          ...(opts.jobId ? [`${messages.getMessage('label.jobId')}: ${opts.jobId}`] : []),
          `${messages.getMessage('label.org')}: ${opts.org}`,
        ].join(' | ')
      );
    return progress;
  }

  public update(p: Progress): void {
    const done = p.components.filter(finished).length;
    const failed = p.components.filter((c) => c.state === 'Failed');
    const current = p.components.find((c) => c.state === 'InProgress');
    if (this.mso) {
      const data: Partial<Data> = {
        jobStatus: p.jobStatus,
        done: `${done}/${p.components.length}`,
        current: current ? `${current.type}:${current.name}` : undefined,
        failed: failed.length ? failed.map((c) => c.name).join(', ') : undefined,
      };
      const shown = printableDeep(data);
      if (p.jobStatus === 'New' || p.jobStatus === 'Waiting' || p.jobStatus === 'Unknown') this.mso.updateData(shown);
      else this.mso.skipTo(this.stages[1], shown);
      return;
    }
    if (this.opts.mode !== 'lines') return;
    // one line per tenth of a large kit, every change of a small one, and every failure
    const step = Math.max(1, Math.ceil(p.components.length / 10));
    const line = messages.getMessage('line.progress', [
      p.jobStatus,
      done,
      p.components.length,
      failed.length,
      current ? `${current.type}:${current.name}` : '-',
    ]);
    const worth =
      p.jobStatus !== this.last.status ||
      failed.length !== this.last.failed ||
      Math.floor(done / step) !== Math.floor(this.last.done / step);
    if (worth && line !== this.lastLine) {
      this.write(line);
      this.lastLine = line;
      this.last = { status: p.jobStatus, done, failed: failed.length };
    } else if (Date.now() - this.lastWriteAt >= heartbeatMs()) {
      this.write(messages.getMessage('line.heartbeat', [Math.floor((Date.now() - this.startedAt) / 60_000), line]));
    }
  }

  public finish(result: Pick<JobResult, 'outcome' | 'jobStatus' | 'stoppedWatching'>): void {
    if (this.mso) {
      if (result.stoppedWatching) {
        this.mso.stop('paused');
        return;
      }
      this.mso.skipTo(this.stages[2], { jobStatus: result.jobStatus });
      this.mso.stop(
        result.outcome === 'Succeeded' ? 'completed' : result.outcome === 'SucceededPartial' ? 'warning' : 'failed'
      );
    }
  }

  public error(): void {
    this.mso?.error();
  }

  private title(): string {
    return this.opts.kit
      ? messages.getMessage(`title.${this.opts.kind}`, [this.opts.kit])
      : messages.getMessage('title.job', [this.opts.jobId ?? '']);
  }

  private write(line: string): void {
    this.lastWriteAt = Date.now();
    if (this.opts.write) this.opts.write(line);
    else process.stdout.write(`${printable(line)}\n`);
  }

  private async startLive(): Promise<void> {
    const { MultiStageOutput: Mso } = await import('@oclif/multi-stage-output');
    const working = this.stages[1];
    this.mso = new Mso<Data>({
      title: this.title(),
      jsonEnabled: false,
      stages: this.stages,
      data: {
        jobId: this.opts.jobId ?? '',
        kit: this.opts.kit ?? '',
        org: this.opts.org,
        done: `0/${this.opts.total}`,
      },
      stageSpecificBlock: [
        {
          label: messages.getMessage('label.components'),
          stage: working,
          type: 'dynamic-key-value',
          get: (d) => d?.done,
        },
        {
          label: messages.getMessage('label.current'),
          stage: working,
          type: 'dynamic-key-value',
          get: (d) => d?.current,
        },
        {
          label: messages.getMessage('label.failed'),
          stage: working,
          type: 'dynamic-key-value',
          get: (d) => d?.failed,
          color: 'red',
        },
      ],
      postStagesBlock: [
        { label: messages.getMessage('label.jobStatus'), type: 'dynamic-key-value', get: (d) => d?.jobStatus },
        {
          label: messages.getMessage('label.jobId'),
          type: 'static-key-value',
          get: (d) => d?.jobId,
          neverCollapse: true,
        },
        { label: messages.getMessage('label.org'), type: 'static-key-value', get: (d) => d?.org },
      ],
    });
    this.mso.goto(this.stages[0]);
  }
}
