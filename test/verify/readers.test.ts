/*
 * What verify makes of each answer: status words in every resource's own spelling, run starts in every shape the
 * spec allows, and items named from the deploy config when the streams cannot say.
 */
import { expect } from 'chai';
import {
  readActivations,
  readActivationTargets,
  readCalculatedInsight,
  readDataStream,
  readDataTransform,
  readIdentityResolution,
  readRunStart,
  readSegment,
} from '../../src/api/read.js';
import { verifyItems } from '../../src/verify/items.js';
import { authenticated, phaseOf } from '../../src/verify/phase.js';
import { stateOfRun } from '../../src/verify/read.js';
import type { KitComponent } from '../../src/kits/components.js';

describe('verify: reading what the org says', () => {
  it('status words in each resource spelling; an unknown word is never success', () => {
    expect(['In Progress', 'InProgress', 'IN_PROGRESS', 'Publishing', 'Queued'].map(phaseOf)).to.deep.equal(
      Array(5).fill('running')
    );
    expect(['Success', 'SUCCESS', 'Completed', 'SkippedNoChanges'].map(phaseOf)).to.deep.equal(
      Array(4).fill('succeeded')
    );
    expect(['Failure', 'FAIL', 'Partner_Error', 'PartialFailure', 'Cancelled'].map(phaseOf)).to.deep.equal(
      Array(5).fill('failed')
    );
    expect([undefined, '', 'None', 'NEW'].map(phaseOf)).to.deep.equal(Array(4).fill('never'));
    expect(phaseOf('Splendid')).to.equal('unknown');
    expect([authenticated('Connected'), authenticated('ACTIVE'), authenticated('NeedsReAuth')]).to.deep.equal([
      true,
      true,
      false,
    ]);
    expect(authenticated('Mystery')).to.equal(undefined);
  });

  it('a run start: success, errors, an empty answer, and identity resolution result codes', () => {
    expect(readRunStart({ success: true })).to.deep.equal({ started: true });
    expect(readRunStart(null)).to.deep.equal({ started: true });
    expect(readRunStart({ success: false, errors: [{ errorCode: 'X', errorMessage: 'no rows' }] })).to.deep.equal({
      started: false,
      error: 'no rows',
    });
    expect(readRunStart({ errors: [{ errorCode: 'LIMIT' }] })).to.deep.equal({ started: false, error: 'LIMIT' });
    expect(readRunStart({ resultCode: 'IdentityResolutionJobIsAlreadyRunning' })).to.deep.equal({
      started: false,
      alreadyRunning: true,
    });
    expect(readRunStart({ resultCode: 'NoPendingChangesJobRunSkipped' })).to.deep.equal({ started: true });
    expect(readRunStart({ resultCode: 'ExceededMaximumNumberOfSuccessfulRunsAllowedIn24Hours' })).to.deep.equal({
      started: false,
      error: 'ExceededMaximumNumberOfSuccessfulRunsAllowedIn24Hours',
    });
  });

  it('activations as the spec types them (one object) and as orgs answer (an array); segments in a container', () => {
    const one = { developerName: 'A', lastPublishStatus: 'Success', activationTarget: { name: 'T', status: 'Active' } };
    expect(readActivations({ activations: one })).to.deep.equal([
      { name: 'A', lastRun: 'Success', target: { name: 'T', status: 'Active' } },
    ]);
    expect(readActivations({ activations: [one, { id: 'x' }, null] }).map((a) => a.name)).to.deep.equal(['A']);
    expect(readActivations({})).to.deep.equal([]);
    expect(readSegment({ segments: [] }, 'S')).to.equal(undefined);
    expect(
      readSegment({ segments: [{ apiName: 'Other' }, { apiName: 'S', lastSegmentMemberCount: 'many' }] }, 'S')
    ).to.deep.equal({
      name: 'S',
    });
    expect(readSegment({ segments: [{ marketSegmentId: '1sg' }] }, 'S')).to.deep.equal({ name: 'S', id: '1sg' });
  });

  it('a run word nobody knows is open with a step to check by hand; a failure keeps its error', () => {
    const item = { component: 'DataTransform:T', kind: 'transform' as const, name: 'T', deployed: true };
    expect(stateOfRun(item, { name: 'T', lastRun: 'Splendid' }, 'K')).to.include({ state: 'open' });
    expect(stateOfRun(item, { name: 'T', lastRun: 'Failure', error: 'boom' }, 'K').detail).to.equal('Failure: boom');
    expect(stateOfRun(item, { name: 'T', lastRun: 'Failure' }, 'K').detail).to.equal('Failure: no error given');
    expect(stateOfRun(item, undefined, 'K')).to.include({ state: 'open', absent: true });
  });

  it('connections from the deploy config: CRM by org id, Ingestion API by connector name, other connectors by name', () => {
    const bundle = (name: string, connectorType: string): KitComponent => ({
      order: 1,
      type: 'DataStreamBundle',
      name,
      connectorType,
      streams: ['S'],
    });
    const items = verifyItems(
      [bundle('Crm', 'CRM'), bundle('Ingest', 'INGESTAPI'), bundle('Other', 'MORECONNECTORS')],
      new Set(['Crm']),
      { kit: 'K', dataSpace: 'default', orgId: '00DXX0000000001AAA' },
      { Ingest: { bundleConfig: { connectorName: 'Web_Api' } } }
    ).filter((i) => i.kind === 'connection');
    expect(items.map((i) => [i.name, i.connectorType, i.crmOrgId, i.deployed])).to.deep.equal([
      ['Crm', 'SalesforceDotCom', '00DXX0000000001', true],
      ['Web_Api', 'IngestApi', undefined, false],
      ['Other', undefined, undefined, false],
    ]);
  });

  it('each resource read from a full answer and from an empty one: the asked name, nothing invented', () => {
    expect(
      readDataStream(
        {
          name: 'S',
          lastRunStatus: 'Success',
          lastRefreshDate: 't',
          totalRecords: 5,
          connectorInfo: { connectorType: 'S3', connectorDetails: { name: 'C' } },
        },
        'S'
      )
    ).to.deep.equal({
      name: 'S',
      lastRun: 'Success',
      lastRunAt: 't',
      count: 5,
      connectorType: 'S3',
      connectionName: 'C',
    });
    expect(readDataStream(null, 'S')).to.deep.equal({ name: 'S' });
    expect(readDataTransform({ lastRunStatus: 'Failure', lastRunErrorCode: { errorCode: 'E' } }, 'T')).to.deep.equal({
      name: 'T',
      lastRun: 'Failure',
      error: 'E',
    });
    expect(readCalculatedInsight({ apiName: 'I', lastRunStatusErrorCode: 'boom' }, 'I')).to.deep.equal({
      name: 'I',
      error: 'boom',
    });
    expect(readIdentityResolution({ rulesetStatus: 'PUBLISHED', totalUnifiedProfiles: 'x' }, 'R')).to.deep.equal({
      name: 'R',
      status: 'PUBLISHED',
    });
    expect(
      readActivationTargets({ activationTargets: [{ name: 'T', status: 'Active' }, { status: 'x' }] })
    ).to.deep.equal([{ name: 'T', status: 'Active' }]);
  });
});
