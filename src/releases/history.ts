/*
 * A kit's history in one org: the org's DataKitDeploymentLog (every deploy and undeploy, whoever ran it and with
 * whatever tool) merged with the project's release records (the command, the reason, the commit). A job both
 * know is one entry; the org says how it ended, the record says why it was run.
 */
import type { LogRow } from '../api/types.js';
import { releasesIn, type ReleaseRecord } from './records.js';

export type HistoryEntry = {
  /** ISO time the change started */
  when: string;
  who?: string;
  /** the command of a record, else the log's action (Deploy, Undeploy), else "job" */
  what: string;
  jobId?: string;
  /** Succeeded, SucceededPartial, Failed, InProgress */
  outcome: string;
  components: number;
  failed: string[];
  reason?: string;
  commit?: string;
  /** the release record's id, when there is one */
  release?: string;
  /** where the entry comes from: the org's log, the project's records, or both */
  source: 'org' | 'record' | 'both';
};

/** "2026-11-25T10:00:00.000+0000" (SOQL) and ISO both, as ISO; unreadable dates sort last. */
const iso = (date?: string): string => {
  const t = date ? Date.parse(date.replace(/\+0000$/, 'Z')) : NaN;
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
};

/** Each job's rows folded into one entry: the last row per component says how it ended. */
function jobsOf(rows: LogRow[]): HistoryEntry[] {
  const groups = new Map<string, LogRow[]>();
  for (const r of rows) {
    const key = r.jobId ?? r.interviewId;
    if (!key) continue;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups].map(([jobId, group]) => {
    const sorted = [...group].sort((a, b) => iso(a.createdDate).localeCompare(iso(b.createdDate)));
    const last = new Map<string, LogRow>();
    for (const r of sorted) last.set(r.componentName ?? '(job)', r);
    const statuses = [...last.values()].map((r) => (r.status ?? '').toLowerCase());
    const failed = [...last].filter(([, r]) => (r.status ?? '').toLowerCase() === 'failed').map(([name]) => name);
    const outcome = failed.length
      ? statuses.some((s) => s === 'successful')
        ? 'SucceededPartial'
        : 'Failed'
      : statuses.every((s) => s === 'successful' || s === 'completed')
        ? 'Succeeded'
        : 'InProgress';
    return {
      when: iso(sorted[0].createdDate),
      ...(sorted[0].createdBy ? { who: sorted[0].createdBy } : {}),
      // an org without the DeploymentAction column does not say whether it deployed or undeployed
      what: sorted[0].action ?? 'job',
      jobId,
      outcome,
      components: [...last.keys()].filter((k) => k !== '(job)').length,
      failed,
      source: 'org' as const,
    };
  });
}

/** The jobs of one release (a rollback runs an undeploy and a deploy) as one: it ends as its last job ends. */
function together(jobs: HistoryEntry[]): HistoryEntry | undefined {
  if (!jobs.length) return undefined;
  const byTime = [...jobs].sort((a, b) => a.when.localeCompare(b.when));
  const first = byTime[0];
  return {
    ...first,
    outcome: byTime[byTime.length - 1].outcome,
    components: byTime.reduce((n, j) => n + j.components, 0),
    failed: byTime.flatMap((j) => j.failed),
  };
}

export function kitHistory(rows: LogRow[], records: ReleaseRecord[], orgId: string): HistoryEntry[] {
  const jobs = jobsOf(rows);
  const entries: HistoryEntry[] = [];
  const used = new Set<string>();
  for (const r of releasesIn(records, orgId)) {
    const mine = jobs.filter((j) => j.jobId && r.jobIds.some((id) => id.slice(0, 15) === j.jobId!.slice(0, 15)));
    for (const j of mine) used.add(j.jobId!);
    const job = together(mine);
    entries.push({
      when: job?.when ? job.when : iso(r.startedAt),
      ...((job?.who ?? r.who) ? { who: job?.who ?? r.who } : {}),
      what: r.command,
      ...((job?.jobId ?? r.jobIds[0]) ? { jobId: job?.jobId ?? r.jobIds[0] } : {}),
      outcome: job?.outcome ?? r.outcome,
      components: job?.components ? job.components : r.components.length,
      failed: job?.failed ?? r.components.filter((c) => c.outcome === 'Failed').map((c) => c.component),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.git ? { commit: r.git.commit.slice(0, 12) } : {}),
      release: r.id,
      source: job ? 'both' : 'record',
    });
  }
  entries.push(...jobs.filter((j) => !used.has(j.jobId!)));
  return entries.sort((a, b) => b.when.localeCompare(a.when));
}
