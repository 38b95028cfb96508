/*
 * Where a command runs and what the project says about the org: the project root, its environments
 * (.sfdatakit/environments.json) and the one this org is, and the connection config that goes with it.
 */
import { readConfigOverrides } from '../deploy/configFile.js';
import type { ConfigOverrides } from '../deploy/config.js';
import { configFileOf } from '../governance/environments.js';
import { placeOf, type Place } from '../governance/place.js';

export { placeOf, type Place };

/** --config-file when given, else the config file environments.json names for this org, else none. */
export async function overridesFor(flagFile: string | undefined, place?: Place): Promise<ConfigOverrides | undefined> {
  const file = flagFile ?? (place ? configFileOf(place.root, place.environment) : undefined);
  return file ? readConfigOverrides(file) : undefined;
}
