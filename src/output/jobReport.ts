/*
 * The end of a job, as the user reads it: one table row per component, a warning per failure (with the
 * component's own error), the job's error when it is not already a component's, and one summary line whose
 * counts come from the same rows as the table, the JUnit file and --json.
 */
import { Messages } from '@salesforce/core';
import type { JobResult } from '../deploy/types.js';
import type { TableColumn } from '../shared/ux.js';
import { column } from './columns.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

export type JobReport = {
  rows: Array<Record<string, unknown>>;
  columns: TableColumn[];
  warnings: string[];
  summary: { tone: 'success' | 'failure' | 'waiting'; text: string };
};

export type ReportContext = { orgName: string; resumeCommand: string };

/** The commands a user runs next, in their order in the summary. */
function nextCommands(result: JobResult, kit: string, orgName: string): [string, string] {
  const again = `sf datakit ${result.kind} --name ${kit} --target-org ${orgName}`;
  const other = `sf datakit ${result.kind === 'undeploy' ? 'status' : 'undeploy'} --name ${kit} --target-org ${orgName}`;
  return [again, other];
}

export function jobReport(result: JobResult, ctx: ReportContext): JobReport {
  const columns: TableColumn[] = [
    column('n', 'number'),
    column('type'),
    column('name'),
    column('result'),
    column('status', 'componentStatus'),
    column('error'),
  ];
  const rows = result.components.map((c, i) => ({
    n: i + 1,
    type: c.type,
    // both names of a DLO the org lists under another (F2)
    name: c.apiName ? `${c.name} (${c.apiName})` : c.name,
    result: c.state,
    status: c.componentStatus ?? '',
    error: c.error ?? '',
  }));
  const failed = result.components.filter((c) => c.state === 'Failed');
  const warnings = failed.map((c) =>
    c.error
      ? messages.getMessage('warning.componentFailed', [`${c.type}:${c.name}`, c.error])
      : messages.getMessage('warning.componentFailedNoText', [`${c.type}:${c.name}`, c.componentStatus ?? 'ERROR'])
  );
  // the job's error once, unless a component already carries it (BackgroundOperation.Error is a cut copy)
  const jobError = result.jobError;
  if (
    jobError &&
    !failed.some((c) => c.error !== undefined && (c.error.startsWith(jobError) || jobError.startsWith(c.error)))
  ) {
    warnings.push(messages.getMessage('warning.jobError', [jobError]));
  }
  // an org without deployment log rows ties a job to nothing: without the local cache its components are unknown
  if (!result.kit && result.components.length === 0)
    warnings.push(messages.getMessage('warning.noComponents', [result.jobId]));
  const succeeded = result.components.filter((c) => c.state === 'Succeeded').length;
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const subject = result.kit
    ? messages.getMessage(`subject.kit.${result.kind}`, [result.kit])
    : messages.getMessage('subject.job', [result.jobId]);
  switch (result.outcome) {
    case 'Succeeded':
      return {
        rows,
        columns,
        warnings,
        summary: {
          tone: 'success',
          text: result.kit
            ? messages.getMessage(`info.succeeded.${result.kind}`, [result.kit, succeeded, seconds])
            : messages.getMessage('info.ended', [subject, result.jobStatus, succeeded, result.components.length, 0, 0]),
        },
      };
    case 'SucceededPartial':
    case 'Failed': {
      const notReached = result.components.length - succeeded - failed.length;
      const ended = messages.getMessage('info.ended', [
        subject,
        result.jobStatus,
        succeeded,
        result.components.length,
        failed.length,
        notReached,
      ]);
      const next = result.kit
        ? ` ${messages.getMessage(`info.next.${result.kind}`, nextCommands(result, result.kit, ctx.orgName))}`
        : '';
      return { rows, columns, warnings, summary: { tone: 'failure', text: ended + next } };
    }
    default:
      return {
        rows,
        columns,
        warnings,
        summary: {
          tone: 'waiting',
          text: messages.getMessage(
            result.stoppedWatching === 'interrupted' ? 'info.interrupted' : 'info.stillRunning',
            [result.jobId, ctx.resumeCommand]
          ),
        },
      };
  }
}
