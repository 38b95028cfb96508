/*
 * The second half of the field reports (G1-G6): what templates carry where they were authored, how runs start,
 * which directions a DevOps kit may take. Each profile against the default org, as a client would call it.
 */
import { expect } from 'chai';
import { kitMetadataFiles } from '../src/kitMetadata.js';
import { advanceJobs } from '../src/lifecycle.js';
import { FIELD_REPORTS } from '../src/profiles.js';
import { connectionId, orgConnections } from '../src/runtime.js';
import { call, useEmulator } from '../src/testing.js';

const V = '/services/data/v66.0';

describe('emulator: field-report profiles (G1-G6)', () => {
  const emulator = useEmulator(undefined, { clock: 'manual' });
  const state = () => emulator.current.state;
  const api = (method: string, path: string, body?: unknown) => call(emulator.current, method, V + path, body);
  const fileOf = (kit: string, type: string, fullName: string): string =>
    kitMetadataFiles(state().kits.get(kit)!, state().templates()).find(
      (f) => f.type === type && f.fullName === fullName
    )?.content ?? '';
  // jobs move when the org is asked something: tick, then advance as a request would
  const jobStatus = (id: string): string | undefined => {
    advanceJobs(state());
    return state().jobs.get(id)?.status;
  };

  it('field-reports includes G1-G6', () => {
    expect(FIELD_REPORTS).to.include.members([
      'authoring-elements',
      'org-ids-in-templates',
      'crm-streams-interactive',
      'transform-definitions',
      'action-bodies',
      'retriever-direction',
    ]);
  });

  it('G1: templates read where they were authored carry the authoring elements; a deploy drops them', () => {
    expect(fileOf('Retail_Core', 'ExtDataTranObjectTemplate', 'Orders_Cleanup')).not.to.include('externalDataTran');
    state().applyProfile('authoring-elements');
    expect(fileOf('Retail_Core', 'ExtDataTranObjectTemplate', 'Orders_Cleanup')).to.include(
      '<externalDataTranObject>Orders_Cleanup</externalDataTranObject>'
    );
    expect(fileOf('Retail_Core', 'ExtDataTranFieldTemplate', 'Orders_Cleanup_fields')).to.include(
      '<externalDataTranField>'
    );
    expect(fileOf('Retail_Core', 'DataStreamTemplate', 'Orders_S3')).to.include('<externalDataTranObject>');
    // a component that arrived here is a deployed copy: nothing added
    state().catalogEntry('DataTransform', 'Orders_Cleanup')!.arrived = true;
    expect(fileOf('Retail_Core', 'ExtDataTranObjectTemplate', 'Orders_Cleanup')).not.to.include('externalDataTran');
  });

  it("G2: templates carry this org's ids; a kit job fails on another org's user or connection id", async () => {
    state().applyProfile('org-ids-in-templates');
    const { userId } = state().identity;
    expect(fileOf('Retail_Core', 'DataStreamTemplate', 'Orders_S3')).to.match(
      new RegExp(`<paramName>importDirectory</paramName>\\s*<value>${userId}/\\d+</value>`)
    );
    expect(fileOf('Retail_Core', 'DataStreamTemplate', 'Account_Home'), 'CRM streams read no files').not.to.include(
      'importDirectory'
    );
    // the same file deployed here from an org whose exporting user is someone else
    const foreign = fileOf('Retail_Core', 'DataStreamTemplate', 'Orders_S3').replace(userId, '005FOREIGN00001AAA');
    state().templateFiles.set('DataStreamTemplate:Orders_S3', foreign);
    const job = (
      await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', {
        components: [
          {
            type: 'DataStreamBundle',
            config: { bundleName: 'S3_Orders_Bundle', connectorType: 'MORECONNECTORS', bundleConfig: {} },
          },
        ],
      })
    ).body as { jobId: string };
    state().tick(5);
    expect(jobStatus(job.jobId)).to.equal('Error');
    expect(state().jobs.get(job.jobId)?.error).to.equal(
      'Access denied — importDirectory does not belong to the current user'
    );
    // a connection's own id is in its object template, as id and inside url
    state().catalog.push({ type: 'DataConnection', name: 'UploadedFiles', label: 'Uploaded Files' });
    state().connections.push({ name: 'UploadedFiles', connectorType: 'UploadedFiles' });
    state()
      .kits.get('Web_Engagement')!
      .components.push({ type: 'DataConnection', info: { name: 'UploadedFiles' } });
    const id = connectionId(state(), orgConnections(state()).find((c) => c.name === 'UploadedFiles')!);
    expect(id).to.match(/^9cg/);
    const payload = fileOf('Web_Engagement', 'DataKitObjectTemplate', 'UploadedFiles');
    expect(payload.split(id)).to.have.length(3);
  });

  it('G3: a CRM stream runs only interactively and only as a full refresh', async () => {
    state().applyProfile('crm-streams-interactive');
    const account = await api('POST', '/ssot/data-streams/Account_Home/actions/run', {});
    expect(account.status).to.equal(400);
    expect(JSON.stringify(account.body)).to.include('not allowed to run in non-interactive mode');
    const interactive = await api('POST', '/ssot/data-streams/Account_Home/actions/run?interactive=true', {});
    expect(interactive.status).to.equal(412);
    expect(JSON.stringify(interactive.body)).to.include('refresh mode is not FULL_REFRESH');
    const contact = (await api('GET', '/ssot/data-streams/Contact_Home')).body as {
      refreshConfig: { refreshMode: string };
    };
    expect(contact.refreshConfig.refreshMode).to.equal('FULL_REFRESH');
    expect((await api('POST', '/ssot/data-streams/Contact_Home/actions/run?interactive=true', {})).status).to.equal(
      200
    );
    expect((await api('POST', '/ssot/data-streams/Orders_S3/actions/run', {})).status, 'S3 as before').to.equal(200);
  });

  it('G4: a transform with several definitions needs one named; empty input writes 0 rows, then is skipped', async () => {
    state().applyProfile('transform-definitions');
    const read = (await api('GET', '/ssot/data-transforms/Orders_Cleanup')).body as {
      definitions: Array<{ name: string }>;
    };
    expect(read.definitions.map((d) => d.name)).to.deep.equal(['Orders_Cleanup_Full', 'Orders_Cleanup_Incremental']);
    const bare = await api('POST', '/ssot/data-transforms/Orders_Cleanup/actions/run', {});
    expect(bare.status).to.equal(400);
    expect(JSON.stringify(bare.body)).to.include('Definition name is required');
    // its input lake object is fed by a stream that never ran here
    state().runs.set('stream:Orders_S3', { status: 'none' });
    const run = () =>
      api('POST', '/ssot/data-transforms/Orders_Cleanup/actions/run', { definitionName: 'Orders_Cleanup_Full' });
    expect((await run()).status).to.equal(200);
    state().tick(3);
    const history = (await api('GET', '/ssot/data-transforms/Orders_Cleanup/run-history')).body as {
      histories: Array<{ status: string; processedRows: number; definitionName: string }>;
    };
    expect(history.histories[0]).to.include({
      status: 'Success',
      processedRows: 0,
      definitionName: 'Orders_Cleanup_Full',
    });
    await run();
    state().tick(3);
    expect((await api('GET', '/ssot/data-transforms/Orders_Cleanup')).body).to.have.property(
      'lastRunStatus',
      'SkippedNoChanges'
    );
  });

  it('G5: runs need {}; a publish answers 201 errors:[{}]; a non-JDBC connection test answers INTERNAL_ERROR', async () => {
    state().applyProfile('action-bodies');
    const bare = await api('POST', '/ssot/calculated-insights/Customer_Lifetime_Value__cio/actions/run');
    expect(bare.status).to.equal(400);
    expect(
      (await api('POST', '/ssot/calculated-insights/Customer_Lifetime_Value__cio/actions/run', {})).status
    ).to.equal(200);
    const segment = (await api('GET', '/ssot/segments/High_Value_Segment')).body as {
      segments: Array<{ marketSegmentId: string }>;
    };
    const published = await api('POST', `/ssot/segments/${segment.segments[0].marketSegmentId}/actions/publish`, {});
    expect(published.status).to.equal(201);
    expect(published.body).to.deep.include({ errors: [{}] });
    const crm = (await api('GET', '/ssot/connections?connectorType=SalesforceDotCom')).body as {
      connections: Array<{ id: string }>;
    };
    const test = await api('POST', `/ssot/connections/${crm.connections[0].id}/actions/test`, {});
    expect(test.status).to.equal(500);
    expect(JSON.stringify(test.body)).to.include('INTERNAL_ERROR');
  });

  it('G6: a DevOps kit deploys its retriever into production, not into a sandbox', async () => {
    state().applyProfile('retriever-direction');
    state().catalog.push({ type: 'MlRetriever', name: 'Case_Retriever', label: 'Case Retriever' });
    state().seed({
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
    const deploy = async (): Promise<string> =>
      (
        (await api('POST', '/ssot/data-kits/Agent_Kit?asyncMode=true', { developerName: 'Agent_Kit' })).body as {
          jobId: string;
        }
      ).jobId;
    const intoProduction = await deploy();
    state().tick(5);
    expect(jobStatus(intoProduction)).to.equal('Complete');
    state().options.isSandbox = true;
    const intoSandbox = await deploy();
    state().tick(5);
    expect(jobStatus(intoSandbox)).to.equal('Error');
    expect(state().jobs.get(intoSandbox)?.error).to.include('only from a sandbox to its production org');
    expect(
      (
        (await api('GET', `/query?q=${encodeURIComponent('SELECT IsSandbox FROM Organization')}`)).body as {
          records: Array<{ IsSandbox: boolean }>;
        }
      ).records[0].IsSandbox
    ).to.equal(true);
  });
});
