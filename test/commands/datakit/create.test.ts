import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitCreate from '../../../src/commands/datakit/create.js';
import { useEmulatorOrg } from '../../support/org.js';

describe('datakit create', () => {
  const emulator = useEmulator();
  const org = useEmulatorOrg(emulator);
  const kits = () => emulator.current.state.kits;

  it('creates a kit whose components carry label, connector and streams read from the org', async () => {
    const result = await DatakitCreate.run([
      '-o',
      org.username(),
      '--name',
      'Orders_Kit',
      '--label',
      'Orders',
      '--type',
      'Sandbox',
      '--component',
      'DataStreamBundle:S3_Orders_Bundle',
      '--component',
      'dlo:Orders_S3__dll',
    ]);
    expect(result).to.deep.include({ name: 'Orders_Kit', type: 'Sandbox', dataSpace: 'default' });
    expect(result.components.map((c) => `${c.type}:${c.name}`)).to.deep.equal([
      'DataStreamBundle:S3_Orders_Bundle',
      'DataLakeObject:Orders_S3__dll',
    ]);
    const kit = kits().get('Orders_Kit');
    expect(kit?.dataKitType).to.equal('Sandbox');
    expect(kit?.components[0].info).to.deep.include({
      connectorType: 'MORECONNECTORS',
      label: 'Orders from Amazon S3',
    });
    expect(kit?.components[0].info.streams?.[0].devName).to.equal('Orders_S3');
  });

  it('creates an empty kit in a named data space', async () => {
    await DatakitCreate.run(['-o', org.username(), '-n', 'Empty_Kit', '-l', 'Empty', '--data-space', 'emea']);
    expect(kits().get('Empty_Kit')).to.deep.include({ dataSpaceName: 'emea', components: [] });
  });

  it('names an unknown component, suggests the close one, and creates nothing', async () => {
    try {
      await DatakitCreate.run([
        '-o',
        org.username(),
        '-n',
        'Bad_Kit',
        '-l',
        'Bad',
        '-c',
        'DataLakeObject:Orders_S3_dll',
      ]);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as SfError).name).to.equal('ComponentNotAvailableError');
      expect((e as SfError).message)
        .to.include('DataLakeObject:Orders_S3_dll')
        .and.include('Did you mean: DataLakeObject:Orders_S3__dll');
      expect((e as SfError).exitCode).to.equal(1);
    }
    expect(kits().has('Bad_Kit')).to.equal(false);
    expect(emulator.current.state.requests.filter((r) => r.method === 'POST')).to.have.length(0);
  });

  it('rejects an unknown type with exit code 1 (not the TypeError code 10)', async () => {
    try {
      await DatakitCreate.run(['-o', org.username(), '-n', 'Bad_Kit', '-l', 'Bad', '-c', 'Segmnt:High_Value_Segment']);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as SfError).name).to.equal('ComponentTypeNotRecognizedError');
      expect((e as SfError).exitCode).to.equal(1);
    }
  });

  it('rejects TYPE:NAME without a name', async () => {
    try {
      await DatakitCreate.run(['-o', org.username(), '-n', 'Bad_Kit', '-l', 'Bad', '-c', 'DataLakeObject']);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as SfError).name).to.equal('InvalidComponentRefError');
    }
  });

  it('explains a duplicate name and points at component add', async () => {
    try {
      await DatakitCreate.run(['-o', org.username(), '-n', 'Retail_Core', '-l', 'Again']);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as SfError).name).to.equal('KitExistsError');
      expect((e as SfError).actions?.join(' ')).to.include('sf datakit component add --name Retail_Core');
    }
    expect(kits().get('Retail_Core')?.components).to.have.length(10);
  });
});
