/*
 * JUnit XML for CI dashboards: one test case per component of a deploy, undeploy or unwrap, plus one for the
 * job itself when it failed without any component failing, so the file fails exactly when the command does.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import type { JobResult } from '../deploy/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'junit');

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toJunit(result: JobResult): string {
  const suite = `datakit.${result.kind}.${result.kit ?? 'unknown'}`;
  const cases = result.components.map((c) => {
    const open = `    <testcase classname="${esc(suite)}" name="${esc(`${c.type}:${c.name}`)}">`;
    if (c.state === 'Failed') {
      const message = c.error ?? messages.getMessage('componentStatus', [c.componentStatus ?? 'ERROR']);
      return `${open}\n      <failure message="${esc(message)}" type="${esc(c.componentStatus ?? 'ERROR')}">${esc(message)}</failure>\n    </testcase>`;
    }
    if (c.state !== 'Succeeded')
      return `${open}\n      <skipped message="${esc(messages.getMessage(c.state === 'InProgress' ? 'stillRunning' : 'notStarted'))}"/>\n    </testcase>`;
    return `${open}</testcase>`;
  });
  const jobFailedAlone =
    (result.outcome === 'Failed' || result.outcome === 'SucceededPartial') &&
    !result.components.some((c) => c.state === 'Failed');
  if (jobFailedAlone) {
    const message = result.jobError ?? messages.getMessage('jobEnded', [result.jobStatus]);
    cases.push(
      `    <testcase classname="${esc(suite)}" name="${esc(messages.getMessage('jobCase', [result.jobId]))}">\n      <failure message="${esc(message)}" type="${esc(result.jobStatus)}">${esc(message)}</failure>\n    </testcase>`
    );
  }
  const tests = cases.length;
  const failures = result.components.filter((c) => c.state === 'Failed').length + (jobFailedAlone ? 1 : 0);
  const skipped = result.components.filter((c) => c.state !== 'Succeeded' && c.state !== 'Failed').length;
  const seconds = (result.elapsedMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sf datakit" tests="${tests}" failures="${failures}" skipped="${skipped}" time="${seconds}">`,
    `  <testsuite name="${esc(suite)}" tests="${tests}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds}" id="${esc(result.jobId)}">`,
    '    <properties>',
    `      <property name="jobId" value="${esc(result.jobId)}"/>`,
    `      <property name="outcome" value="${esc(result.outcome)}"/>`,
    `      <property name="jobStatus" value="${esc(result.jobStatus)}"/>`,
    ...(result.jobError ? [`      <property name="jobError" value="${esc(result.jobError)}"/>`] : []),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Where the JUnit file goes: --results-dir, else datakit-results/<job id>. */
export const junitDir = (jobId: string, dir?: string): string => resolve(dir ?? join('datakit-results', jobId));

/** Writes <dir>/junit.xml and returns its path. */
export async function writeJunit(result: JobResult, dir?: string): Promise<string> {
  const target = junitDir(result.jobId, dir);
  await mkdir(target, { recursive: true });
  const file = join(target, 'junit.xml');
  await writeFile(file, toJunit(result));
  return file;
}
