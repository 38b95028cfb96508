/*
 * Reviewing what a release really changes: content-level compare, edits made in the target, a preflight that
 * asks the target, and a selective back promotion. Three emulator orgs; templates are edited over HTTP the way
 * a person edits them in an org (POST /__emulator/content).
 */
import { expect } from 'chai';
import type { EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import { call, emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitCompare from '../../../src/commands/datakit/compare.js';
import DatakitPromote from '../../../src/commands/datakit/promote.js';
import { printed, useEmulatorOrgs } from '../../support/org.js';

const SEGMENT = 'MarketSegment:Lapsed_Buyers_Segment';
const FILTER = { type: 'DataKitObjectTemplate', fullName: 'Lapsed_Buyers_Segment', field: 'entityPayload' };

async function edit(e: EmulatorHandle, change: Record<string, unknown>): Promise<void> {
  const r = await call(e.current, 'POST', '/__emulator/content', change);
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
}
async function read(e: EmulatorHandle, type: string, fullName: string): Promise<string> {
  return (
    (await call(e.current, 'GET', `/__emulator/content?type=${type}&fullName=${fullName}`)).body as { content: string }
  ).content;
}
const segmentValue = async (e: EmulatorHandle, filter = 0): Promise<string> => {
  const xml = await read(e, 'DataKitObjectTemplate', 'Lapsed_Buyers_Segment');
  const json = /<entityPayload>([^<]*)<\/entityPayload>/.exec(xml)![1].replace(/&quot;/g, '"');
  return (JSON.parse(json) as { criteria: { filters: Array<{ value: string }> } }).criteria.filters[filter].value;
};
/** Metadata API deploys an org received (check-only ones included). */
const metadataDeploys = (e: EmulatorHandle): number =>
  e.current.state.requests.filter((r) => r.operation === 'deploy').length;

describe('reviewing a release: content compare, edits in the target, preflight, selective promotion', () => {
  const fast = { msPerStep: 5 };
  const dev = useEmulator(undefined, fast);
  const uat = useEmulator(emptyOrg, fast, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  const prod = useEmulator(emptyOrg, fast, { orgId: '00DPRD000000001AAA', username: 'admin@prod.emulator' });
  const [devOrg, uatOrg, prodOrg] = useEmulatorOrgs(dev, uat, prod);
  const promote = (from: string, to: string, ...more: string[]) =>
    DatakitPromote.run(['-n', 'Retail_Core', '--source-org', from, '-o', to, ...more]);
  const compare = (from: string, to: string, ...more: string[]) =>
    DatakitCompare.run(['-n', 'Retail_Core', '--source-org', from, '-o', to, ...more]);

  beforeEach(() => {
    // the kit in dev carries a segment as well
    dev.current.state.kits.get('Retail_Core')!.components.push({
      type: 'MarketSegment',
      info: { name: 'Lapsed_Buyers_Segment', label: 'Lapsed Buyers' },
    });
  });

  it('a segment filter changed in dev shows in compare (path, old and new, a unified diff) and promote carries it', async () => {
    await promote(devOrg.username(), uatOrg.username(), '--json');
    expect(await segmentValue(uat)).to.equal('1000');
    await edit(dev, { ...FILTER, path: 'criteria.filters[0].value', value: '5000' });

    const diff = await compare(devOrg.username(), uatOrg.username(), '--diff');
    expect(diff.equal).to.equal(false);
    expect(process.exitCode).to.equal(1);
    const row = diff.rows.find((r) => r.component === SEGMENT)!;
    expect(row.difference).to.equal('changed');
    expect(row.content).to.deep.equal([
      { path: 'entityPayload.criteria.filters[0].value', source: '5000', target: '1000' },
    ]);
    expect(diff.rows.filter((r) => r.difference !== 'same').map((r) => r.component)).to.deep.equal([SEGMENT]);
    const out = printed(uatOrg.ux());
    expect(out).to.include('MarketSegment Lapsed_Buyers_Segment: entityPayload.criteria.filters[0].value 5000 → 1000');
    expect(out)
      .to.match(/^-\s+"value": "5000"$/m)
      .and.match(/^\+\s+"value": "1000"$/m);
    process.exitCode = undefined;

    // membership alone would call them equal: that is what --no-content compares
    expect((await compare(devOrg.username(), uatOrg.username(), '--no-content', '--json')).equal).to.equal(true);

    const promoted = await promote(devOrg.username(), uatOrg.username(), '--json');
    expect(promoted.metadata, 'not "nothing to promote"').to.not.equal(undefined);
    expect(promoted.unwrap?.job?.components.map((c) => `${c.type}:${c.name}`)).to.deep.equal([SEGMENT]);
    expect(await segmentValue(uat)).to.equal('5000');
    expect((await compare(devOrg.username(), uatOrg.username(), '--json')).equal).to.equal(true);
    expect(promoted.releaseFile).to.match(/\.sfdatakit\/releases\/Retail_Core\/.+-promote-00DUAT000000001\.json$/);
  });

  it('a hand edit in prod stops the next promotion and shows what changed; --force overwrites it', async () => {
    await promote(devOrg.username(), prodOrg.username(), '--json');
    await edit(prod, {
      type: 'DataCalcInsightTemplate',
      fullName: 'Customer_Lifetime_Value',
      field: 'expression',
      value: 'SELECT 1 AS hotfix__c',
    });
    await edit(dev, { ...FILTER, path: 'criteria.filters[1].value', value: 'CA' });

    const preview = await promote(devOrg.username(), prodOrg.username(), '--dry-run', '--json');
    expect(process.exitCode).to.equal(1);
    expect(preview.conflicts.map((c) => [c.check, c.component])).to.deep.equal([
      ['editedInTarget', 'CalculatedInsight:Customer_Lifetime_Value__cio'],
    ]);
    expect(preview.conflicts[0].changes).to.deep.equal([
      {
        path: 'expression',
        source:
          'SELECT SUM(Sales_Order__dlm.amount__c) AS total_spend__c, Sales_Order__dlm.customer_id__c AS customer_id__c FROM Sales_Order__dlm GROUP BY customer_id__c',
        target: 'SELECT 1 AS hotfix__c',
      },
    ]);
    process.exitCode = undefined;
    try {
      await promote(devOrg.username(), prodOrg.username());
      expect.fail('should have stopped');
    } catch (error) {
      expect((error as Error).name).to.equal('ConflictsError');
      expect((error as Error).message)
        .to.include('CalculatedInsight:Customer_Lifetime_Value__cio was changed in')
        .and.include('expression: SELECT SUM(');
    }
    expect(await segmentValue(prod, 1)).to.equal('US');

    await promote(devOrg.username(), prodOrg.username(), '--force', '--json');
    expect(await read(prod, 'DataCalcInsightTemplate', 'Customer_Lifetime_Value')).to.include('SELECT SUM(');
    expect(await segmentValue(prod, 1)).to.equal('CA');
  });

  it('--dry-run finds a mapping to a field prod does not have: only the check-only deploy can tell', async () => {
    await edit(dev, {
      type: 'DataSrcDataModelFieldMap',
      fullName: 'Retail_Core_Customer_Email_map',
      field: 'targetField',
      value: 'Customer__dlm.Loyalty_Tier__c',
    });
    const result = await promote(devOrg.username(), prodOrg.username(), '--dry-run', '--json');
    expect(result.conflicts).to.deep.equal([]);
    expect(result.preflight?.go).to.equal(false);
    const errors = result.preflight!.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.check, f.component])).to.deep.equal([
      ['metadataDeploy', 'DataSrcDataModelFieldMap:Retail_Core_Customer_Email_map'],
    ]);
    expect(errors[0].message).to.include('Expected target (Customer__dlm) to have field (Loyalty_Tier__c)');
    expect(process.exitCode).to.equal(1);
    expect(prod.current.state.kits.size + prod.current.state.templateFiles.size).to.equal(0);
  });

  it('a selective back promotion brings one hotfix from prod to dev and leaves the rest of the kit alone', async () => {
    await promote(devOrg.username(), prodOrg.username(), '--json');
    await edit(prod, { ...FILTER, path: 'criteria.filters[0].value', value: '750' });
    // work in progress in dev that must survive the back promotion
    await edit(dev, {
      type: 'ExtDataTranObjectTemplate',
      fullName: 'Orders_Cleanup',
      field: 'definition',
      path: 'nodes.valid_only.parameters.filterExpressions[0].value',
      value: 'VALID_V2',
    });
    const membersBefore = dev.current.state.kits.get('Retail_Core')!.components.map((c) => c.info.name);
    dev.current.state.requests = [];

    const back = await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      prodOrg.username(),
      '-o',
      devOrg.username(),
      '--component',
      SEGMENT,
      '--json',
    ]);
    expect(back.components).to.deep.equal([SEGMENT]);
    expect(await segmentValue(dev)).to.equal('750');
    expect(await read(dev, 'ExtDataTranObjectTemplate', 'Orders_Cleanup')).to.include('VALID_V2');
    expect(dev.current.state.kits.get('Retail_Core')!.components.map((c) => c.info.name)).to.deep.equal(membersBefore);
    expect(back.unwrap?.job?.components.map((c) => `${c.type}:${c.name}`)).to.deep.equal([SEGMENT]);
    // key qualifiers belong to the model objects, which this promotion leaves alone
    expect(back.metadata?.removed).to.deep.equal([]);
    expect(back.keyQualifiersRestored).to.equal(undefined);
    expect(metadataDeploys(dev)).to.equal(1);
    // the segment's own members: its template and its dependency row, nothing of the kit or other components
    expect([...dev.current.state.metadata].sort()).to.deep.equal([
      'DataKitObjectDependency:Lapsed_Buyers_Segment_needs_Customer_Lifetime_Value_cio',
      'DataKitObjectTemplate:Lapsed_Buyers_Segment',
    ]);
  });

  it('a selective promotion refuses a component the target kit does not have, naming it', async () => {
    try {
      await promote(devOrg.username(), uatOrg.username(), '--component', SEGMENT);
      expect.fail('should have refused');
    } catch (error) {
      expect((error as Error).message).to.include(`${SEGMENT}: not in kit Retail_Core in`);
    }
    expect(metadataDeploys(uat)).to.equal(0);
  });
});
