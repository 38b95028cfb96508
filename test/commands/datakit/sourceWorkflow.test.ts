/*
 * Kit metadata in source control: retrieve, clean (and restore), validate, against the emulator and the
 * retail-kit-project fixture (every metadata type a kit uses, KQ_ fields, an orphaned member).
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitClean from '../../../src/commands/datakit/clean.js';
import DatakitRetrieve from '../../../src/commands/datakit/retrieve.js';
import DatakitUnwrap from '../../../src/commands/datakit/unwrap.js';
import DatakitValidate from '../../../src/commands/datakit/validate.js';
import { deploySource } from '../../../src/metadata/deploy.js';
import { gatedWriter, printed, useEmulatorOrg } from '../../support/org.js';

const FIXTURE = 'test/fixtures/retail-kit-project/force-app';
const ORPHAN = join(
  'main',
  'default',
  'DataPackageKitObjects',
  'Loyalty_Kit_1762749299999.DataPackageKitObject-meta.xml'
);

describe('kit source: retrieve, clean, validate', () => {
  const emulator = useEmulator(undefined, { msPerStep: 5 });
  const org = useEmulatorOrg(emulator);
  let work: string;
  let src: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'kit-source-'));
    src = join(work, 'force-app');
    await cp(FIXTURE, src, { recursive: true });
  });
  afterEach(async () => rm(work, { recursive: true, force: true }));

  describe('datakit retrieve', () => {
    it('writes source, a package.xml of what can be carried, and names what it left out', async () => {
      const out = join(work, 'retrieved');
      const manifestFile = join(work, 'retail-package.xml');
      const result = await DatakitRetrieve.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '--output-dir',
        out,
        '--manifest-file',
        manifestFile,
        '--json',
      ]);
      expect(result.leftOut.map((l) => `${l.type}:${l.members.join(',')}`)).to.deep.equal([
        'ExtDataTranFieldTemplate:Orders_Cleanup_fields',
        'MktDataLakeAttributes:Account_Home_attributes,Contact_Home_attributes,Orders_S3_attributes',
      ]);
      const xml = await readFile(manifestFile, 'utf8');
      expect(xml)
        .to.include('<name>DataPackageKitDefinition</name>')
        .and.include('<members>Retail_Core</members>')
        .and.not.include('ExtDataTranFieldTemplate');
      expect(await readdir(join(out, 'main', 'default', 'objects', 'Customer__dlm', 'fields'))).to.deep.equal([
        'Email__c.field-meta.xml',
        'Id__c.field-meta.xml',
        'KQ_Id__c.field-meta.xml',
        'Name__c.field-meta.xml',
      ]);
      expect(result.toClean).to.have.length(2);
      expect(
        emulator.current.state.requests.filter((r) => r.method !== 'GET' && !r.path.includes('/Soap/'))
      ).to.deep.equal([]);
    });

    it('an unknown kit fails before retrieving anything', async () => {
      const err = await DatakitRetrieve.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Cor',
        '--output-dir',
        join(work, 'x'),
      ]).catch((e: Error) => e);
      expect((err as Error).message).to.include('Did you mean: Retail_Core');
      expect(existsSync(join(work, 'x'))).to.equal(false);
    });
  });

  describe('datakit clean', () => {
    it('--dry-run lists the KQ_ fields and the field template, and deletes nothing', async () => {
      const result = await DatakitClean.run([
        '--source-dir',
        src,
        '--dry-run',
        '--restore-file',
        join(work, 'restore.json'),
        '--json',
      ]);
      expect(result.removed.map((r) => `${r.type}:${r.member}`)).to.deep.equal([
        'ExtDataTranFieldTemplate:Orders_Cleanup_fields',
        'CustomField:Customer__dlm.KQ_Id__c',
        'CustomField:Sales_Order__dlm.KQ_Id__c',
        'CustomField:Web_Engagement__dlm.KQ_Id__c',
      ]);
      expect(result.removed.every((r) => existsSync(r.file))).to.equal(true);
      expect(existsSync(join(work, 'restore.json'))).to.equal(false);
    });

    it('removes them, keeps the KQ_ fields in a restore file, and a second run finds nothing', async () => {
      const restoreFile = join(work, 'restore.json');
      const result = await DatakitClean.run(['--source-dir', src, '--restore-file', restoreFile, '--json']);
      expect(result.removed.some((r) => existsSync(r.file))).to.equal(false);
      const restore = JSON.parse(await readFile(restoreFile, 'utf8')) as {
        fields: Array<{ member: string; content: string }>;
      };
      expect(restore.fields.map((f) => f.member)).to.deep.equal([
        'Customer__dlm.KQ_Id__c',
        'Sales_Order__dlm.KQ_Id__c',
        'Web_Engagement__dlm.KQ_Id__c',
      ]);
      expect(restore.fields[0].content).to.include('<fullName>KQ_Id__c</fullName>');
      const again = await DatakitClean.run(['--source-dir', src, '--restore-file', restoreFile, '--json']);
      expect(again.removed).to.deep.equal([]);
      expect(JSON.parse(await readFile(restoreFile, 'utf8')).fields).to.have.length(3);
    });

    it('--restore sets the fields again once the kit is unwrapped, and not before', async () => {
      const restoreFile = join(work, 'restore.json');
      await rm(join(src, ORPHAN));
      await DatakitClean.run(['--source-dir', src, '--restore-file', restoreFile, '--json']);
      // the cleaned source deploys; the KQ_ fields are refused until the kits are live
      const writer = await gatedWriter(org.username(), '66.0');
      emulator.current.state.kits.clear();
      expect((await deploySource(writer, src, { apiVersion: '66.0' })).success).to.equal(true);
      const early = await DatakitClean.run(['--restore', '--restore-file', restoreFile, '-o', org.username()]).catch(
        (e: Error) => e
      );
      expect((early as Error).name).to.equal('RestoreFailedError');
      expect(existsSync(restoreFile)).to.equal(true);

      for (const kit of ['Retail_Core', 'Web_Engagement'])
        await DatakitUnwrap.run(['-o', org.username(), '-n', kit, '--json']);
      // Web_Engagement__dlm's kit is live; the other two objects belong to Retail_Core, also live
      const result = await DatakitClean.run([
        '--restore',
        '--restore-file',
        restoreFile,
        '-o',
        org.username(),
        '--json',
      ]);
      expect(result.restored).to.have.length(3);
      expect(emulator.current.state.metadata.has('CustomField:Customer__dlm.KQ_Id__c')).to.equal(true);
      expect(existsSync(restoreFile)).to.equal(false);
    });

    it('--restore without a restore file or an org is a clear error', async () => {
      const none = await DatakitClean.run([
        '--restore',
        '--restore-file',
        join(work, 'none.json'),
        '-o',
        org.username(),
      ]).catch((e: Error) => e);
      expect((none as Error).message).to.include('There is no restore file at');
      const restoreFile = join(work, 'restore.json');
      await DatakitClean.run(['--source-dir', src, '--restore-file', restoreFile, '--json']);
      const noOrg = await DatakitClean.run(['--restore', '--restore-file', restoreFile]).catch((e: Error) => e);
      expect((noOrg as Error).message).to.include('--restore needs the org');
    });
  });

  describe('datakit validate', () => {
    it('finds the orphaned member and the deploy breakers in source, and exits 1', async () => {
      const result = await DatakitValidate.run(['--source-dir', src, '--json']);
      expect(result.valid).to.equal(false);
      expect(result.kits).to.have.members(['Marketing_Activation', 'Retail_Core', 'Web_Engagement']);
      const errors = result.problems.filter((p) => p.severity === 'error');
      expect(errors.filter((p) => p.check === 'orphan').map((p) => p.component)).to.deep.equal([
        'DataLakeObject:Loyalty_Members__dll',
      ]);
      expect(errors.filter((p) => p.check === 'deployBreaker')).to.have.length(4);
      expect(errors.filter((p) => p.check === 'missingMetadata')).to.deep.equal([]);
      expect(result.problems.filter((p) => p.check === 'dependency').map((p) => p.message)).to.include(
        'High_Value_Customers__cio (kit Marketing_Activation) needs Customer_Lifetime_Value__cio from kit Retail_Core: deploy Retail_Core first.'
      );
      expect(process.exitCode).to.equal(1);
    });

    it('passes once the orphan is gone and the source is cleaned, checked against the org', async () => {
      await rm(join(src, ORPHAN));
      await DatakitClean.run(['--source-dir', src, '--restore-file', join(work, 'restore.json'), '--json']);
      const result = await DatakitValidate.run(['--source-dir', src, '-o', org.username(), '--json']);
      expect(result.problems.filter((p) => p.severity === 'error')).to.deep.equal([]);
      expect(result.valid).to.equal(true);
      expect(process.exitCode ?? 0).to.equal(0);
    });

    it('against an org: API version too low, a dependency the org lacks, a data space it does not have', async () => {
      await rm(join(src, ORPHAN));
      await DatakitClean.run(['--source-dir', src, '--restore-file', join(work, 'restore.json'), '--json']);
      const definition = join(
        src,
        'main',
        'default',
        'dataPackageKitDefinitions',
        'Marketing_Activation.dataPackageKitDefinition-meta.xml'
      );
      await writeFile(
        definition,
        (await readFile(definition, 'utf8')).replace(
          '<deploymentOrder>',
          '<dataSpaceDefinitionDevName>APAC</dataSpaceDefinitionDevName>\n    <deploymentOrder>'
        )
      );
      // Retail_Core is neither in the source nor in the org: what Marketing_Activation needs from it is missing
      const rows = join(src, 'main', 'default', 'DataPackageKitObjects');
      await rm(
        join(src, 'main', 'default', 'dataPackageKitDefinitions', 'Retail_Core.dataPackageKitDefinition-meta.xml')
      );
      for (const f of (await readdir(rows)).filter((n) => n.startsWith('Retail_Core_'))) await rm(join(rows, f));
      emulator.current.state.kits.delete('Retail_Core');
      emulator.current.state.catalog = emulator.current.state.catalog.filter(
        (c) => c.name !== 'Customer_Lifetime_Value__cio'
      );
      const result = await DatakitValidate.run([
        '--source-dir',
        src,
        '-o',
        org.username(),
        '--name',
        'Marketing_Activation',
        '--api-version',
        '64.0',
        '--json',
      ]);
      const checks = result.problems.filter((p) => p.severity === 'error').map((p) => p.check);
      expect(checks).to.include.members(['apiVersion', 'dependency', 'dataSpace']);
      expect(result.problems.find((p) => p.check === 'apiVersion')?.message).to.include(
        'DataKitObjectDependency needs API version 65.0'
      );
      expect(result.problems.find((p) => p.check === 'dataSpace')?.message).to.include('"APAC"');
      expect(printed(org.ux())).to.include('error(s)');
    });

    it('no kit in the folder is a clear error', async () => {
      const empty = join(work, 'empty');
      await cp(join(FIXTURE, 'main', 'default', 'objects'), join(empty, 'objects'), { recursive: true });
      const err = await DatakitValidate.run(['--source-dir', empty]).catch((e: Error) => e);
      expect((err as Error).message).to.include('No data kit in');
    });
  });
});
