/*
 * Deploy a kit's source-format metadata with the deploy-retrieve library, as `sf project deploy start` does.
 */
import { Messages, SfError, type Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { handledDeploys } from '../shared/handledDeploys.js';

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
  /** the exact members the folder must hold: anything else stops the deploy before it starts */
  only?: Array<{ type: string; fullName: string }>;
};

export async function deploySource(
  connection: Connection,
  sourceDir: string,
  options: DeployOptions = {}
): Promise<MetadataDeployOutcome> {
  const set = ComponentSet.fromSource(sourceDir);
  set.apiVersion = connection.getApiVersion();
  if (options.only) {
    const key = (m: { type: string; fullName: string }): string => `${m.type}:${m.fullName}`;
    const found = set.toArray().map((c) => key({ type: c.type.name, fullName: c.fullName }));
    const expected = options.only.map(key);
    const unexpected = found.filter((f) => !expected.includes(f));
    if (unexpected.length || found.length !== expected.length)
      throw new SfError(
        messages.getMessage('error.UnexpectedMembers', [unexpected.join(', ') || found.join(', ')]),
        'UnexpectedMembers'
      );
  }
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
