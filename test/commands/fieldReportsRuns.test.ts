/*
 * Real orgs as their operators report them, part 2 (issue 24, G1-G6): what templates carry, how runs start, which
 * directions work. Two emulator orgs on the profiles that model the reports (emulator/README.md,
 * docs/api-notes.md §11); everything over HTTP.
 */
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { call, emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitCompare from '../../src/commands/datakit/compare.js';
import DatakitPromote from '../../src/commands/datakit/promote.js';
import DatakitRollback from '../../src/commands/datakit/rollback.js';
import DatakitVerify from '../../src/commands/datakit/verify.js';
import { printed, useEmulatorOrgs } from '../support/org.js';

const UAT = { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' };
const UAT_USER = '005UAT000000001AAA';

describe('field reports (2): templates, runs and directions', function () {
  this.timeout(90_000);
  const fast = { msPerStep: 5 };
  const dev = useEmulator(undefined, { ...fast, profile: 'field-reports' });
  const uat = useEmulator(emptyOrg, { ...fast, profile: 'field-reports' }, UAT);
  const [devOrg, uatOrg] = useEmulatorOrgs(dev, uat);
  const promote = (...more: string[]) =>
    DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username(), ...more]);
  const uatRequests = (part: string) => uat.current.state.requests.filter((r) => r.path.includes(part));
  beforeEach(() => {
    process.env.SF_DATAKIT_SETTLE_RETRY_MS = '20';
    // the rollback snapshot is not the subject here: the target has nothing to keep
  });
  afterEach(() => delete process.env.SF_DATAKIT_SETTLE_RETRY_MS);

  it('G1, G2: a clean promotion from the authoring org compares equal; the exporting user id is rewritten', async () => {
    const dry = await promote('--dry-run', '--json');
    const ids = dry.preflight?.findings.filter((f) => f.check === 'orgIds') ?? [];
    expect(ids.map((f) => f.severity)).to.deep.equal(['warning']);
    expect(ids[0].message)
      .to.include('005EM0000000001AAA')
      .and.include('dataStreamTemplates/Orders_S3.dataStreamTemplate-meta.xml')
      .and.include('parameters.value')
      .and.include(UAT_USER);
    expect(dry.preflight?.go).to.equal(true);

    const promoted = await promote('--json');
    // without the rewrite the bundle's job ends "Access denied — importDirectory does not belong to the current user"
    expect(promoted.unwrap?.job?.outcome, JSON.stringify(promoted.unwrap?.job?.components)).to.equal('Succeeded');
    expect(printed(uatOrg.ux())).to.include('rewritten to the user running this promotion');

    // the authoring org returns externalDataTran* elements the deployed copy does not: not a difference
    const compared = await DatakitCompare.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--json',
    ]);
    expect(compared.equal, JSON.stringify(compared.rows.filter((r) => r.content?.length))).to.equal(true);
    expect(process.exitCode ?? 0).to.equal(0);
    // and nothing reads as "edited in the target since its last release"
    const again = await promote('--dry-run', '--json');
    expect(again.conflicts.map((c) => c.check)).not.to.include('editedInTarget');
  });

  it('G2: a connection id is rewritten to the target connection of its name; one the target lacks stops it', async () => {
    for (const org of [dev, uat])
      org.current.state.connections.push({ name: 'UploadedFiles', connectorType: 'UploadedFiles' });
    dev.current.state.catalog.push({ type: 'DataConnection', name: 'UploadedFiles', label: 'Uploaded Files' });
    dev.current.state.kits
      .get('Retail_Core')!
      .components.push({ type: 'DataConnection', info: { name: 'UploadedFiles' } });
    const devId = (await call(dev.current, 'GET', '/services/data/v66.0/ssot/connections?connectorType=UploadedFiles'))
      .body as { connections: Array<{ id: string }> };
    const uatId = (await call(uat.current, 'GET', '/services/data/v66.0/ssot/connections?connectorType=UploadedFiles'))
      .body as { connections: Array<{ id: string }> };
    expect(devId.connections[0].id).not.to.equal(uatId.connections[0].id);

    const dry = await promote('--dry-run', '--json');
    const connection = dry.preflight?.findings.find((f) => f.message.includes(devId.connections[0].id));
    expect(connection?.severity).to.equal('warning');
    expect(connection?.message)
      .to.include('dataKitObjectTemplates/UploadedFiles.dataKitObjectTemplate-meta.xml')
      .and.include('entityPayload.connection.id')
      .and.include('entityPayload.connection.url')
      .and.include(uatId.connections[0].id);

    // the target has no such connection: named, and the promotion stops before any change
    uat.current.state.connections = uat.current.state.connections.filter((c) => c.name !== 'UploadedFiles');
    const refusedDry = await promote('--dry-run', '--json');
    expect(refusedDry.preflight?.go).to.equal(false);
    uat.current.state.requests = [];
    const refused = await promote('--json').catch((e: SfError) => e);
    expect((refused as SfError).name).to.equal('CarriedIdsError');
    expect((refused as SfError).message)
      .to.include('UploadedFiles')
      .and.include(devId.connections[0].id);
    expect(uatRequests('/ssot/data-kits/Retail_Core').filter((r) => r.method === 'POST')).to.have.length(0);
    expect(uat.current.state.requests.filter((r) => r.operation === 'deploy')).to.have.length(0);
  });

  it('F2 with G1: a rollback after a selective promotion sees only what that promotion changed (DLO shells own their templates alike in both orgs)', async () => {
    await promote();
    await call(dev.current, 'POST', '/__emulator/content', {
      type: 'DataCalcInsightTemplate',
      fullName: 'Customer_Lifetime_Value',
      field: 'expression',
      value: 'SELECT 2 AS total_spend__c FROM Sales_Order__dlm',
    });
    await promote('--component', 'CalculatedInsight:Customer_Lifetime_Value__cio');
    const preview = await DatakitRollback.run(['-n', 'Retail_Core', '-o', uatOrg.username(), '--dry-run', '--json']);
    expect(preview.edited ?? []).to.deep.equal([]);
    expect(preview.changes.map((c) => c.component)).to.deep.equal(['CalculatedInsight:Customer_Lifetime_Value__cio']);
  });

  describe('after a promotion', () => {
    beforeEach(async () => {
      await promote();
      uat.current.state.requests = [];
      process.exitCode = undefined;
    });
    const activate = () =>
      DatakitVerify.run(['-n', 'Retail_Core', '-o', uatOrg.username(), '--activate', '--no-prompt', '--json']);

    it('G3, G4, G5: a FULL_REFRESH CRM stream runs interactively, an UPSERT one is a step for Setup (exit 1, not 68)', async () => {
      await call(uat.current, 'POST', '/__emulator/credentials', { name: 'S3_Orders_Bundle' });
      const result = await activate();
      const outcomes = result.activation?.runs.map((r) => `${r.name}=${r.outcome}`);
      expect(outcomes).to.deep.equal([
        'Account_Home=Open',
        'Contact_Home=Succeeded',
        'Orders_S3=Succeeded',
        'Orders_Cleanup=Succeeded',
        'Customer_Lifetime_Value__cio=Succeeded',
      ]);
      expect(process.exitCode).to.equal(1);
      const crm = result.activation!.runs[0];
      expect(crm.manual).to.equal(true);
      expect(crm.detail).to.include('FULL_REFRESH').and.include('Data Streams > Account_Home > Refresh Now');
      expect(uatRequests('/data-streams/Account_Home/actions/run'), 'never sent').to.have.length(0);
      const contact = uatRequests('/data-streams/Contact_Home/actions/run')[0];
      expect(contact.query).to.equal('?interactive=true');
      // runs start with a JSON body; the transform names its first definition
      const transform = uatRequests('/data-transforms/Orders_Cleanup/actions/run')[0];
      expect(transform.body).to.deep.equal({ definitionName: 'Orders_Cleanup_Full' });
      expect(uatRequests('/calculated-insights/').find((r) => r.method === 'POST')?.body).to.deep.equal({});
      expect(result.activation?.runs[3].detail).to.include('ran definition Orders_Cleanup_Full');
      // connections whose test the org does not offer (CRM, S3 here) are not testable, never failing
      const connections = result.items.filter((i) => i.kind === 'connection');
      expect(connections.map((c) => `${c.name}=${c.state}`)).to.deep.equal(['Home_Org=done', 'S3_Orders_Bundle=done']);
      expect(connections[0].detail).to.include('not testable here').and.include('SalesforceDotCom');
      expect(result.items.find((i) => i.name === 'Account_Home')).to.include({ state: 'open' });
    });

    it('G4: a transform run on empty input writes no rows: open with the reason, not a success and not a failure', async () => {
      // the S3 credentials are missing: its stream is not started, so the transform reads an empty lake object
      const result = await activate();
      const transform = result.activation?.runs.find((r) => r.name === 'Orders_Cleanup');
      expect(transform).to.include({ outcome: 'Open' });
      expect(transform?.detail).to.include('wrote no rows');
      const item = result.items.find((i) => i.name === 'Orders_Cleanup');
      expect(item).to.include({ state: 'open' });
      expect(item?.next).to.include('Full Run');
      expect(result.activation?.runs.filter((r) => r.outcome === 'Failed').map((r) => r.name)).to.deep.equal([
        'Orders_S3',
      ]);
    });
  });

  it('G6: a DevOps kit holding a retriever goes only from a sandbox to production: refused, dry-run says no-go', async () => {
    dev.current.state.catalog.push({ type: 'MlRetriever', name: 'Case_Retriever', label: 'Case Retriever' });
    dev.current.state.seed({
      kits: [
        {
          devName: 'Agent_Kit',
          label: 'Agent Kit',
          dataKitType: 'Sandbox',
          dataSpaceName: 'default',
          components: [{ type: 'MlRetriever', info: { name: 'Case_Retriever' } }],
        },
      ],
    });
    const agent = (...more: string[]) =>
      DatakitPromote.run(['-n', 'Agent_Kit', '--source-org', devOrg.username(), '-o', uatOrg.username(), ...more]);
    // both orgs are production orgs
    const refused = await agent('--json').catch((e: SfError) => e);
    expect((refused as SfError).name).to.equal('ConflictsError');
    expect((refused as SfError).message)
      .to.include('MlRetriever:Case_Retriever')
      .and.include('a production org')
      .and.include('005315426');
    const dry = await agent('--dry-run', '--json');
    expect(dry.conflicts.map((c) => c.check)).to.include('direction');
    expect(process.exitCode).to.equal(1);
    // from a sandbox to production: supported
    dev.current.state.options.isSandbox = true;
    const fromSandbox = await agent('--dry-run', '--json');
    expect(fromSandbox.conflicts.map((c) => c.check)).not.to.include('direction');
    // each org's type read once
    const asked = dev.current.state.requests.filter((r) => r.query.includes('Organization'));
    expect(asked.filter((r) => decodeURIComponent(r.query).includes('IsSandbox'))).to.have.length(3);
  });
});
