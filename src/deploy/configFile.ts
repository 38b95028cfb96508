/*
 * --config-file: per-component deploy config overrides, {"<component name>": {<config keys>}}. An entry that names
 * no component of the kit is a typo or a file for another kit: it is reported, never silently dropped.
 */
import { readFile } from 'node:fs/promises';
import { Messages, SfError } from '@salesforce/core';
import type { Ref } from '../kits/dependencies.js';
import type { ConfigOverrides } from './config.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

export async function readConfigOverrides(path: string): Promise<ConfigOverrides> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new SfError(
      messages.getMessage('error.ConfigFileNotJson', [path, (e as Error).message]),
      'InvalidConfigFile',
      messages.getMessages('error.ConfigFile.actions')
    );
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((v) => !v || typeof v !== 'object' || Array.isArray(v))
  ) {
    throw new SfError(
      messages.getMessage('error.ConfigFileShape', [path]),
      'InvalidConfigFile',
      messages.getMessages('error.ConfigFile.actions')
    );
  }
  return parsed as ConfigOverrides;
}

/** Entries of the file that name no component of the kit, and the words that say so (undefined when all are used). */
export function unusedOverrides(
  overrides: ConfigOverrides | undefined,
  components: Ref[],
  kit: string
): string | undefined {
  const unused = Object.keys(overrides ?? {}).filter((name) => !components.some((c) => c.name === name));
  return unused.length
    ? messages.getMessage('warning.unusedConfig', [unused.join(', '), kit, components.map((c) => c.name).join(', ')])
    : undefined;
}
