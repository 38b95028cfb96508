/*
 * Where a command runs and what the project says about the org: the project root, its environments
 * (.sfdatakit/environments.json) and the one this org is, and the connection config that goes with it.
 */
import type { Org } from '@salesforce/core';
import { readConfigOverrides } from '../deploy/configFile.js';
import type { ConfigOverrides } from '../deploy/config.js';
import {
  configFileOf,
  environmentOf,
  readEnvironments,
  type Environment,
  type Environments,
} from '../governance/environments.js';
import { projectRoot } from '../releases/records.js';

export type Place = { root: string; environments: Environments; environment?: Environment };

export async function placeOf(org: Org): Promise<Place> {
  const root = projectRoot();
  const environments = await readEnvironments(root);
  return { root, environments, environment: await environmentOf(org, environments) };
}

/** --config-file when given, else the config file environments.json names for this org, else none. */
export async function overridesFor(flagFile: string | undefined, place?: Place): Promise<ConfigOverrides | undefined> {
  const file = flagFile ?? (place ? configFileOf(place.root, place.environment) : undefined);
  return file ? readConfigOverrides(file) : undefined;
}
