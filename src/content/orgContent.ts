/*
 * A kit's content as an org holds it: its manifest says which members to retrieve; they go to a temporary
 * folder that is removed once read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Org } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import { manifestTypes } from '../kits/packageXml.js';
import { retrieveKitSource } from '../metadata/retrieve.js';
import { kitContentOfDir, type KitContent } from './kitContent.js';
import type { ComponentRef } from './owners.js';

export async function kitContentInOrg(
  org: Org,
  client: DataKitClient,
  kit: string,
  components: ComponentRef[],
  waitMinutes?: number
): Promise<KitContent> {
  const types = manifestTypes(await client.manifest(kit));
  const dir = await mkdtemp(join(tmpdir(), 'datakit-content-'));
  try {
    await retrieveKitSource(org.getConnection(client.apiVersion), types, dir, waitMinutes);
    return await kitContentOfDir(dir, components);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
