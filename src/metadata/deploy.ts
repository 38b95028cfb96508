/*
 * Deploy a kit's source-format metadata with the deploy-retrieve library, as `sf project deploy start` does.
 */
import { relative } from 'node:path';
import { Messages, SfError, type Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import type { OrgWriter } from '../api/writer.js';
import { handledDeploys } from '../shared/handledDeploys.js';
import { walkFiles } from '../source/kitSource.js';
import { memberOf } from '../source/sourceMembers.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

export type MetadataDeployOutcome = {
  id: string;
  success: boolean;
  status: string;
  failures: Array<{ type: string; fullName: string; problem: string }>;
  deployed: number;
};

export type DeployOptions = {
  waitMinutes?: number;
  /** the caller unwraps the deployed kits, so this plugin's scopedPostDeploy hook must not */
  unwrapsItself?: boolean;
  /** validate everything in the target and change nothing (a check-only deploy) */
  checkOnly?: boolean;
  /** the members the folder may hold: any other file stops the deploy before it starts */
  only?: Array<{ type: string; fullName: string }>;
};

/** Every file of the folder must be one of the members given (by the same path rules the checks use). */
async function onlyThese(dir: string, only: Array<{ type: string; fullName: string }>): Promise<void> {
  const expected = new Set(only.map((m) => `${m.type}:${m.fullName}`));
  const unexpected = (await walkFiles(dir))
    .map((file) => ({ file, member: memberOf(file) }))
    .filter(({ member }) => !member || !expected.has(`${member.type}:${member.name}`))
    .map(({ file, member }) => `${relative(dir, file)}${member ? ` (${member.type}:${member.name})` : ''}`);
  if (unexpected.length)
    throw new SfError(messages.getMessage('error.UnexpectedMembers', [unexpected.join(', ')]), 'UnexpectedMembers');
}

/** A deploy that changes the org: only through the writer the protected-org gate hands out. */
export async function deploySource(
  writer: OrgWriter,
  sourceDir: string,
  options: Omit<DeployOptions, 'checkOnly'> & { apiVersion?: string } = {}
): Promise<MetadataDeployOutcome> {
  return deployWith(writer.metadataConnection(options.apiVersion), sourceDir, options);
}

/** A check-only deploy: the org validates everything and changes nothing, so a reader's connection will do. */
export async function checkDeploy(
  connection: Connection,
  sourceDir: string,
  options: Omit<DeployOptions, 'checkOnly' | 'unwrapsItself'> = {}
): Promise<MetadataDeployOutcome> {
  return deployWith(connection, sourceDir, { ...options, checkOnly: true, unwrapsItself: true });
}

async function deployWith(
  connection: Connection,
  sourceDir: string,
  options: DeployOptions = {}
): Promise<MetadataDeployOutcome> {
  if (options.only) await onlyThese(sourceDir, options.only);
  const set = ComponentSet.fromSource(sourceDir);
  set.apiVersion = connection.getApiVersion();
  const operation = await set.deploy({
    usernameOrConnection: connection,
    apiOptions: { rollbackOnError: true, checkOnly: options.checkOnly ?? false },
  });
  if (options.unwrapsItself) handledDeploys.add(operation.id!);
  const result = await operation.pollStatus({
    frequency: Duration.milliseconds(500),
    timeout: Duration.minutes(options.waitMinutes ?? 10),
  });
  const failures = result
    .getFileResponses()
    .filter((f) => String(f.state) === 'Failed')
    .map((f) => ({ type: f.type, fullName: f.fullName, problem: 'error' in f ? String(f.error) : 'failed' }));
  return {
    id: result.response.id,
    success: result.response.success,
    status: result.response.status,
    failures,
    deployed: result.response.numberComponentsDeployed,
  };
}
