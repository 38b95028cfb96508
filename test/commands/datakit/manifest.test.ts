import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitManifest from '../../../src/commands/datakit/manifest.js';
import { printed, useEmulatorOrg } from '../../support/org.js';

describe('datakit manifest', () => {
  const emulator = useEmulator();
  const org = useEmulatorOrg(emulator);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'manifest-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the singular /ssot/datakit path and lists members by metadata type', async () => {
    const result = await DatakitManifest.run(['-o', org.username(), '--name', 'Retail_Core']);
    expect(emulator.current.state.requests.map((r) => r.path)).to.deep.equal([
      '/services/data/v66.0/ssot/datakit/Retail_Core/manifest',
    ]);
    const types = result.types.map((t) => t.type);
    expect(types).to.include.members([
      'DataPackageKitDefinition',
      'DataPackageKitObject',
      'DataSourceBundleDefinition',
      'DataStreamTemplate',
      'CustomObject',
    ]);
    expect(result.types.find((t) => t.type === 'DataPackageKitDefinition')?.members).to.deep.equal(['Retail_Core']);
  });

  it('writes a package.xml without the types the Metadata API cannot retrieve, and warns about them', async () => {
    const file = join(dir, 'sub', 'package.xml');
    const result = await DatakitManifest.run(['-o', org.username(), '--name', 'Retail_Core', '--output-file', file]);
    const xml = readFileSync(file, 'utf8');
    expect(xml).to.match(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Package xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">/
    );
    expect(xml).to.include('<members>Retail_Core</members>\n        <name>DataPackageKitDefinition</name>');
    expect(xml).to.include('<version>66.0</version>');
    expect(xml).not.to.include('ExtDataTranFieldTemplate');
    expect(result.excluded.map((t) => t.type)).to.deep.equal(['ExtDataTranFieldTemplate', 'MktDataLakeAttributes']);
    expect(printed(org.ux())).to.include('Left out ExtDataTranFieldTemplate');
  });

  it('an unknown kit fails with the closest names', async () => {
    const err = await DatakitManifest.run(['-o', org.username(), '--name', 'Retail']).catch((e: SfError) => e);
    expect((err as SfError).name).to.equal('KitNotFoundError');
    expect((err as SfError).message).to.include('Retail_Core');
  });
});
