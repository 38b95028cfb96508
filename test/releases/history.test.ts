/*
 * kitHistory: the org's log rows and the project's records merged into one entry per release. Rows come from orgs
 * in every shape (per component, per job, fields missing), records from the project.
 */
import { expect } from 'chai';
import type { LogRow } from '../../src/api/types.js';
import { kitHistory } from '../../src/releases/history.js';
import type { ReleaseRecord } from '../../src/releases/records.js';

const ORG = '00DUAT000000001AAA';
const row = (jobId: string, createdDate: string, extra: Partial<LogRow> = {}): LogRow => ({
  jobId,
  createdDate,
  status: 'Successful',
  ...extra,
});
const record = (id: string, jobIds: string[], extra: Partial<ReleaseRecord> = {}): ReleaseRecord => ({
  schema: 1,
  id,
  kit: 'Retail_Core',
  command: 'promote',
  org: { id: ORG, username: 'admin@uat' },
  startedAt: '2026-11-25T10:00:00.000Z',
  finishedAt: '2026-11-25T10:01:00.000Z',
  outcome: 'Succeeded',
  components: [{ component: 'DataLakeObject:Orders_S3__dll' }],
  jobIds,
  ...extra,
});

describe('kit history: the org log merged with the release records', () => {
  it('a rollback (an undeploy job and a deploy job) is one entry: it ends as its last job ends', () => {
    const rows = [
      row('08P000000000001', '2026-11-25T10:00:05.000+0000', { componentName: 'A', action: 'Undeploy' }),
      row('08P000000000002', '2026-11-25T10:00:30.000+0000', { componentName: 'B', action: 'Deploy' }),
      row('08P000000000002', '2026-11-25T10:00:31.000+0000', {
        componentName: 'C',
        action: 'Deploy',
        status: 'Failed',
      }),
    ];
    const entries = kitHistory(
      rows,
      [record('r1', ['08P000000000001AAA', '08P000000000002AAA'], { command: 'rollback' })],
      ORG
    );
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ what: 'rollback', jobId: '08P000000000001', components: 3, source: 'both' });
    expect(entries[0].outcome).to.equal('SucceededPartial');
    expect(entries[0].failed).to.deep.equal(['C']);
  });

  it('rows without component, action, user or date still make entries; newest first, undated last', () => {
    const rows = [
      row('08P000000000003', '2026-11-25T09:00:00.000+0000', { status: 'Failed', error: 'boom' }),
      row('08P000000000004', 'not a date'),
      { interviewId: '0Fo000000000001' },
      {},
    ];
    const entries = kitHistory(rows, [], ORG);
    expect(entries.map((e) => [e.jobId, e.what, e.outcome, e.components])).to.deep.equal([
      ['08P000000000003', 'job', 'Failed', 0],
      ['08P000000000004', 'job', 'Succeeded', 0],
      ['0Fo000000000001', 'job', 'InProgress', 0],
    ]);
  });

  it("a record of another org is not this org's history; a record without a job keeps its own outcome", () => {
    const other = record('r-other', [], { org: { id: '00DPRD000000001AAA', username: 'admin@prod' } });
    const created = record('r-create', [], { command: 'create', outcome: 'Succeeded', reason: 'new kit' });
    const entries = kitHistory([], [other, created], ORG);
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ what: 'create', source: 'record', reason: 'new kit', outcome: 'Succeeded' });
  });

  it('a record says why and from which commit; the log says who; a job still going is InProgress', () => {
    const rows = [
      row('08P000000000005', '2026-11-25T11:00:00.000+0000', {
        componentName: 'A',
        createdBy: 'ana@x',
        action: 'Deploy',
      }),
      row('08P000000000005', '2026-11-25T11:00:01.000+0000', { componentName: 'B', status: 'Started' }),
    ];
    const withWhy = record('r5', ['08P000000000005'], {
      command: 'deploy',
      reason: 'CHG-7',
      git: { commit: '0123456789abcdef0123', branch: 'main' },
      who: 'me@x',
    });
    const [entry] = kitHistory(rows, [withWhy], ORG);
    expect(entry).to.deep.include({
      who: 'ana@x',
      what: 'deploy',
      outcome: 'InProgress',
      reason: 'CHG-7',
      commit: '0123456789ab',
      release: 'r5',
      source: 'both',
      components: 2,
    });
    const alone = kitHistory(
      [],
      [{ ...withWhy, jobIds: [], components: [{ component: 'A', outcome: 'Failed' }] }],
      ORG
    );
    expect(alone[0]).to.deep.include({ who: 'me@x', failed: ['A'], source: 'record', components: 1 });
    expect(alone[0]).to.not.have.property('jobId');
  });
});
