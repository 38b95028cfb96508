/*
 * Issue 25: the safety features turned against the user. Each attack as it was reproduced, its files kept in
 * test/fixtures/attacks; each checked in the org's own request log and state, not in the plugin's output.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { SfProject, type SfError } from '@salesforce/core';
import type { EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import { emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitHistory from '../../../src/commands/datakit/history.js';
import DatakitPromote from '../../../src/commands/datakit/promote.js';
import DatakitRollback from '../../../src/commands/datakit/rollback.js';
import type { ReleaseRecord } from '../../../src/releases/records.js';
import { printed, useEmulatorOrgs } from '../../support/org.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'attacks');
const project = (): string => SfProject.resolveProjectPathSync();
const releasesOf = (kit: string): string => join(project(), '.sfdatakit', 'releases', kit);
const records = (kit = 'Retail_Core'): ReleaseRecord[] =>
  readdirSync(releasesOf(kit))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(releasesOf(kit), f), 'utf8')) as ReleaseRecord);
/** Requests that change an org (reads and Metadata API retrieves left out). */
const changes = (e: EmulatorHandle): string[] =>
  e.current.state.requests
    .filter((r) => r.method !== 'GET' && !['retrieve', 'checkRetrieveStatus'].includes(r.operation ?? ''))
    .map((r) => `${r.method} ${r.path}`);

describe('attacks on the safety features (issue 25)', function () {
  this.timeout(120_000);
  const fast = { msPerStep: 5 };
  const dev = useEmulator(undefined, fast);
  const uat = useEmulator(emptyOrg, fast, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  const [devOrg, uatOrg] = useEmulatorOrgs(dev, uat);
  const promote = () =>
    DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);

  it('a rollback snapshot holding anything but the kit is refused, file and member named, before any request', async () => {
    const components = dev.current.state.kits.get('Retail_Core')!.components;
    const lastOne = components.pop()!;
    await promote();
    components.push(lastOne);
    await promote();
    const snapshot = join(project(), ...records().at(-1)!.snapshot!.split('/'), 'main', 'default');
    const planted: Array<[string, string]> = [
      ['objects/Account/fields/Evil__c.field-meta.xml', 'CustomField:Account.Evil__c'],
      ['objects/Evil__c/Evil__c.object-meta.xml', 'CustomObject:Evil__c'],
      [
        'dataPackageKitDefinitions/Web_Engagement.dataPackageKitDefinition-meta.xml',
        'DataPackageKitDefinition:Web_Engagement',
      ],
      ['DataPackageKitObjects/Web_Engagement_1.DataPackageKitObject-meta.xml', 'DataPackageKitObject:Web_Engagement_1'],
      ['DataPackageKitObjects/Retail_Core_999.DataPackageKitObject-meta.xml', 'DataModelObject:Account'],
    ];
    const kitBefore = JSON.stringify(uat.current.state.kits.get('Retail_Core'));
    for (const [file, member] of planted) {
      const target = join(snapshot, file);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(FIXTURES, 'snapshot', file), target);
      uat.current.state.requests = [];
      const refused = await DatakitRollback.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']).catch(
        (e: SfError) => e
      );
      expect((refused as SfError).name, file).to.equal('SnapshotForeignError');
      expect((refused as SfError).message, file).to.include(member);
      expect(changes(uat), file).to.deep.equal([]);
      rmSync(target);
    }
    expect(JSON.stringify(uat.current.state.kits.get('Retail_Core'))).to.equal(kitBefore);
    expect(uat.current.state.metadata.has('CustomField:Account.Evil__c')).to.equal(false);
  });

  it('text from a record is printed with its control characters escaped', async () => {
    await promote();
    const [record] = records();
    const file = readdirSync(releasesOf('Retail_Core')).find((f) => f.endsWith('.json'))!;
    writeFileSync(
      join(releasesOf('Retail_Core'), file),
      JSON.stringify({
        ...record,
        reason: 'fix\u001b[2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u202eok',
      })
    );
    await DatakitHistory.run(['-o', uatOrg.username(), '-n', 'Retail_Core']);
    const out = printed(uatOrg.ux());
    // eslint-disable-next-line no-control-regex
    expect(out).not.to.match(/[\u001b\u0007\u202e]/);
    expect(out).to.include('\\x1b[2J').and.include('\\u202e');
  });
});
