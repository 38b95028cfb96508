import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Org } from '@salesforce/core';
import { expect } from 'chai';
import { emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import { DataKitClient } from '../../src/api/client.js';
import { manifestTypes } from '../../src/kits/packageXml.js';
import { deploySource } from '../../src/metadata/deploy.js';
import { retrieveKitSource } from '../../src/metadata/retrieve.js';
import { applyRemovals, findRemovals } from '../../src/source/clean.js';
import { gatedWriter, useEmulatorOrgs } from '../support/org.js';

describe('kit metadata: retrieve from one org, deploy to another (deploy-retrieve library against two emulators)', () => {
  const dev = useEmulator();
  const uat = useEmulator(emptyOrg, {}, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  const [devOrg, uatOrg] = useEmulatorOrgs(dev, uat);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kit-retrieve-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('retrieves every member the registry can carry into source format, and names what it left out', async () => {
    const org = await Org.create({ aliasOrUsername: devOrg.username() });
    const types = manifestTypes(await DataKitClient.forOrg(org).manifest('Retail_Core'));
    const outcome = await retrieveKitSource(org.getConnection('66.0'), types, dir);
    expect(outcome.leftOut.map((l) => l.type)).to.deep.equal(['ExtDataTranFieldTemplate', 'MktDataLakeAttributes']);
    expect(outcome.files.filter((f) => f.state === 'Failed')).to.deep.equal([]);
    const paths = outcome.files.map((f) => f.filePath ?? '');
    expect(
      paths.some((p) => p.endsWith('dataPackageKitDefinitions/Retail_Core.dataPackageKitDefinition-meta.xml'))
    ).to.equal(true);
    expect(paths.some((p) => p.endsWith('fields/KQ_Id__c.field-meta.xml'))).to.equal(true);
    const definition = await readFile(
      paths.find((p) => p.endsWith('Retail_Core.dataPackageKitDefinition-meta.xml'))!,
      'utf8'
    );
    expect(definition).to.include('<masterLabel>Retail Core</masterLabel>');
  });

  it('a raw retrieve fails to deploy on its KQ_ fields; cleaned, it deploys and the other org has the kit', async () => {
    const from = await Org.create({ aliasOrUsername: devOrg.username() });
    const types = manifestTypes(await DataKitClient.forOrg(from).manifest('Retail_Core'));
    await retrieveKitSource(from.getConnection('66.0'), types, dir);
    const writer = await gatedWriter(uatOrg.username(), '66.0');
    const raw = await deploySource(writer, dir, { apiVersion: '66.0' });
    expect(raw.success).to.equal(false);
    expect(raw.failures.map((f) => f.fullName)).to.deep.equal(['Customer__dlm.KQ_Id__c', 'Sales_Order__dlm.KQ_Id__c']);
    expect(uat.current.state.kits.has('Retail_Core')).to.equal(false);

    await applyRemovals(dir, await findRemovals(dir));
    const outcome = await deploySource(writer, dir, { apiVersion: '66.0' });
    expect(outcome.success).to.equal(true);
    const kit = uat.current.state.kits.get('Retail_Core');
    const source = dev.current.state.kits.get('Retail_Core');
    expect(kit?.components.map((c) => `${c.type}:${c.info.name}`)).to.deep.equal(
      source?.components.map((c) => `${c.type}:${c.info.name}`)
    );
    expect(kit?.components.find((c) => c.info.name === 'Salesforce_CRM_Bundle')?.info.connectorType).to.equal('CRM');
    expect(kit?.source).to.equal('metadata');
  });
});
