/*
 * JUnit XML for CI dashboards: one test case per component of a deploy, undeploy or unwrap.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { JobResult } from '../deploy/types.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toJunit(result: JobResult): string {
  const failures = result.components.filter((c) => c.state === 'Failed').length;
  const skipped = result.components.filter((c) => c.state !== 'Succeeded' && c.state !== 'Failed').length;
  const seconds = (result.elapsedMs / 1000).toFixed(3);
  const suite = `datakit.${result.kind}.${result.kit ?? 'unknown'}`;
  const cases = result.components.map((c) => {
    const open = `    <testcase classname="${esc(suite)}" name="${esc(`${c.type}:${c.name}`)}">`;
    if (c.state === 'Failed') return `${open}\n      <failure message="${esc(c.error ?? 'failed')}" type="${esc(c.componentStatus ?? 'ERROR')}">${esc(c.error ?? '')}</failure>\n    </testcase>`;
    if (c.state !== 'Succeeded') return `${open}\n      <skipped message="${esc(c.state === 'InProgress' ? 'still in progress' : 'not started')}"/>\n    </testcase>`;
    return `${open}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sf datakit" tests="${result.components.length}" failures="${failures}" skipped="${skipped}" time="${seconds}">`,
    `  <testsuite name="${esc(suite)}" tests="${result.components.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds}" id="${esc(result.jobId)}">`,
    '    <properties>',
    `      <property name="jobId" value="${esc(result.jobId)}"/>`,
    `      <property name="outcome" value="${esc(result.outcome)}"/>`,
    `      <property name="jobStatus" value="${esc(result.jobStatus)}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Writes <dir>/junit.xml (dir defaults to datakit-results/<jobId>) and returns its path. */
export async function writeJunit(result: JobResult, dir?: string): Promise<string> {
  const target = resolve(dir ?? join('datakit-results', result.jobId));
  await mkdir(target, { recursive: true });
  const file = join(target, 'junit.xml');
  await writeFile(file, toJunit(result));
  return file;
}
