/*
 * --config-file: per-component deploy config overrides, {"<component name>": {<config keys>}}.
 */
import { readFile } from 'node:fs/promises';
import { SfError } from '@salesforce/core';
import type { ConfigOverrides } from './config.js';

export async function readConfigOverrides(path: string): Promise<ConfigOverrides> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new SfError(`${path} is not valid JSON: ${(e as Error).message}`, 'InvalidConfigFile', ['Fix the file; it maps component names to config objects, e.g. {"S3_Orders_Bundle": {"bundleConfig": {"connectionName": "Prod_S3"}}}.']);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => !v || typeof v !== 'object' || Array.isArray(v))) {
    throw new SfError(`${path} must map component names to config objects.`, 'InvalidConfigFile', ['Example: {"S3_Orders_Bundle": {"bundleConfig": {"connectionName": "Prod_S3"}}}']);
  }
  return parsed as ConfigOverrides;
}
