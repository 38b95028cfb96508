/*
 * Deploy a kit's source-format metadata with the deploy-retrieve library, as `sf project deploy start` does.
 */
import type { Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { handledDeploys } from '../shared/handledDeploys.js';

export type MetadataDeployOutcome = { id: string; success: boolean; status: string; failures: Array<{ type: string; fullName: string; problem: string }>; deployed: number };

/** `unwrapsItself`: the caller unwraps the deployed kits, so this plugin's scopedPostDeploy hook must not. */
export async function deploySource(
  connection: Connection,
  sourceDir: string,
  options: { waitMinutes?: number; unwrapsItself?: boolean } = {}
): Promise<MetadataDeployOutcome> {
  const set = ComponentSet.fromSource(sourceDir);
  set.apiVersion = connection.getApiVersion();
  const operation = await set.deploy({ usernameOrConnection: connection, apiOptions: { rollbackOnError: true } });
  if (options.unwrapsItself) handledDeploys.add(operation.id!);
  const result = await operation.pollStatus({ frequency: Duration.milliseconds(500), timeout: Duration.minutes(options.waitMinutes ?? 10) });
  const failures = result
    .getFileResponses()
    .filter((f) => f.state === 'Failed')
    .map((f) => ({ type: f.type, fullName: f.fullName, problem: 'error' in f ? String(f.error) : 'failed' }));
  return { id: result.response.id, success: result.response.success, status: result.response.status, failures, deployed: result.response.numberComponentsDeployed };
}
