/*
 * Where a command runs and what the project says about the org: the project root, its environments
 * (.sfdatakit/environments.json) and the one this org is.
 */
import type { Org } from '@salesforce/core';
import { projectRoot } from '../releases/records.js';
import { environmentOf, readEnvironments, type Environment, type Environments } from './environments.js';

export type Place = { root: string; environments: Environments; environment?: Environment };

export async function placeOf(org: Org): Promise<Place> {
  const root = projectRoot();
  const environments = await readEnvironments(root);
  return { root, environments, environment: await environmentOf(org, environments) };
}
