import { expect } from 'chai';
import { FIELD_REPORTS, PROFILES } from '../src/profiles.js';
import { call, useEmulator } from '../src/testing.js';

const V = '/services/data/v66.0';
const bundleOnly = {
  components: [
    {
      type: 'DataStreamBundle',
      config: {
        bundleName: 'S3_Orders_Bundle',
        connectorType: 'MORECONNECTORS',
        bundleConfig: { connectionName: 'x' },
      },
    },
  ],
};

describe('emulator: field-report profiles (F1-F9)', () => {
  const emulator = useEmulator(undefined, { clock: 'manual' });
  const state = () => emulator.current.state;
  const api = (method: string, path: string, body?: unknown) => call(emulator.current, method, V + path, body);
  const jobOf = async (path: string, body: unknown): Promise<string> => {
    const res = await api('POST', path, body);
    expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 202]);
    return (res.body as { jobId: string }).jobId;
  };

  it('field-reports combines every field profile, each with its source', () => {
    for (const name of FIELD_REPORTS) expect(PROFILES[name].source.length, name).to.be.above(20);
    expect(PROFILES['field-reports'].behaviours).to.include({
      kitList: 'needs-namespace',
      dloListing: 'with-shells',
      jobResource: 'datakit-deployment-job',
      kitObjectReference: 'template-type',
    });
  });

  it('F1: the list answers 500 without namespace; one kit reads by name', async () => {
    expect((await api('GET', '/ssot/data-kits/Retail_Core')).status, 'no GET in the spec').to.equal(404);
    state().applyProfile('list-needs-namespace');
    expect((await api('GET', '/ssot/data-kits')).status).to.equal(500);
    expect((await api('GET', '/ssot/data-kits?namespace=')).status).to.equal(200);
    const one = (await api('GET', '/ssot/data-kits/Retail_Core')).body as {
      dataKitDetails: Array<{ developerName: string }>;
    };
    expect(one.dataKitDetails.map((k) => k.developerName)).to.deep.equal(['Retail_Core']);
    expect((await api('GET', '/ssot/data-kits/Nope')).status).to.equal(404);
  });

  it('F2: DLOs listed under kit names plus shells; status only by the kit name; the working body deploys', async () => {
    state().applyProfile('dlo-shells');
    const one = (await api('GET', '/ssot/data-kits?namespace=')).body as {
      dataKitDetails: Array<{ developerName: string; components: Array<Record<string, unknown>> }>;
    };
    const web = one.dataKitDetails.find((k) => k.developerName === 'Web_Engagement')!;
    expect(
      web.components.map((c) => `${String(c.componentType)}:${String(c.developerName)}:${String(c.label)}`)
    ).to.deep.equal([
      'DataStreamBundle:Web_Events_Bundle:Web Events (Ingestion API)',
      'DataLakeObject:Web_Events1:Web Events',
      'undefined:Web_Events2:Web_Events__dll',
      'DataModelObject:Web_Engagement__dlm:Web Engagement',
    ]);
    const byKitName = (await api('GET', '/ssot/data-kits/Web_Engagement/components/Web_Events1/deployment-status'))
      .body;
    expect(byKitName).to.have.nested.property('status.code', 'ACTIVE');
    expect(
      (await api('GET', '/ssot/data-kits/Web_Engagement/components/Web_Events__dll/deployment-status')).body
    ).to.deep.equal({
      componentDetails: [],
    });
    const reversed = { dataSourceObjectDevName: 'Orders_S3__dll', apiName: 'Orders_S3', label: 'Orders S3' };
    expect(
      (
        await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', {
          components: [{ type: 'DataLakeObject', config: reversed }],
        })
      ).status
    ).to.equal(400);
    const jobId = await jobOf('/ssot/data-kits/Retail_Core?asyncMode=true', {
      components: [{ type: 'DataLakeObject', config: { ...reversed, apiName: 'Orders_S3__dll' } }],
    });
    state().failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Orders_S3__dll',
      message: 'Internal Error: boom (1234-5678)',
      phase: 'deploy',
    });
    state().tick(3);
    const rows = (
      await api(
        'GET',
        `/query?q=${encodeURIComponent(`SELECT ComponentName, ComponentType FROM DataKitDeploymentLog WHERE JobIdentifier = '${jobId}'`)}`
      )
    ).body as { records: Array<Record<string, unknown>> };
    expect(rows.records.map((r) => [r.ComponentName, r.ComponentType])).to.deep.equal([
      ['Orders_S311', 'MktDataStream'],
    ]);
  });

  it('F3: a DevOps kit takes {developerName} as documented; the empty-only org refuses it and takes {}', async () => {
    await jobOf('/ssot/data-kits/Marketing_Activation?asyncMode=true', { developerName: 'Marketing_Activation' });
    state().tick(20);
    state().applyProfile('devops-empty-body');
    const refused = await api('POST', '/ssot/data-kits/Marketing_Activation?asyncMode=true', {
      developerName: 'Marketing_Activation',
    });
    expect(refused.status).to.equal(400);
    expect(JSON.stringify(refused.body)).to.include('JSON_PARSER_ERROR');
    await jobOf('/ssot/data-kits/Marketing_Activation?asyncMode=true', {});
  });

  it('F4: an active component stays ACTIVE while it is deployed again', async () => {
    state().applyProfile('status-active-at-once');
    await jobOf('/ssot/data-kits/Web_Engagement?asyncMode=true', {
      components: [
        {
          type: 'DataLakeObject',
          config: { dataSourceObjectDevName: 'Web_Events__dll', apiName: 'Web_Events__dll', label: 'Web Events' },
        },
      ],
    });
    state().tick(1);
    expect([...state().deployed.values()].find((d) => d.name === 'Web_Events__dll')?.status).to.equal('Active');
  });

  it('F5: the job resource at either path, in the installers words', async () => {
    state().applyProfile('job-resource');
    const jobId = await jobOf('/ssot/data-kits/Retail_Core?asyncMode=true', bundleOnly);
    expect((await api('GET', `/ssot/datakit-deployment-job/${jobId}`)).body).to.deep.include({
      jobId,
      jobStatus: 'Queued',
    });
    expect((await api('GET', `/ssot/data-kits/deployment-jobs/${jobId}`)).status).to.equal(404);
    state().tick(30);
    const done = (await api('GET', `/ssot/datakit-deployment-job/${jobId}`)).body as {
      jobStatus: string;
      jobResults: string[];
    };
    expect(done.jobStatus).to.equal('Complete');
    expect(done.jobResults).to.have.length(1);
    state().applyProfile('job-resource-plural');
    expect((await api('GET', `/ssot/data-kits/deployment-jobs/${jobId}`)).status).to.equal(200);
  });

  it('F6: the first job right after a metadata deploy ends Error; the next one runs', async () => {
    state().applyProfile('settling-after-metadata,job-resource');
    state().kitArrivedAt.set('Retail_Core', state().now());
    const first = await jobOf('/ssot/data-kits/Retail_Core?asyncMode=true', bundleOnly);
    state().tick(1);
    const failed = (await api('GET', `/ssot/datakit-deployment-job/${first}`)).body as {
      jobStatus: string;
      errors: string[];
    };
    expect(failed.jobStatus).to.equal('Error');
    expect(failed.errors[0]).to.match(/locked/);
    const second = await jobOf('/ssot/data-kits/Retail_Core?asyncMode=true', bundleOnly);
    state().tick(30);
    expect((await api('GET', `/ssot/datakit-deployment-job/${second}`)).body).to.have.property('jobStatus', 'Complete');
  });

  it('F7: a DLO that exists linked to a stream is readable, and a deploy does not adopt it', async () => {
    state().applyProfile('existing-dlo,job-resource');
    state().linkedDlos.set('Orders_S3__dll', 'Orders_Legacy_Stream');
    expect((await api('GET', '/ssot/data-lake-objects/Orders_S3__dll')).status).to.equal(200);
    expect((await api('GET', '/ssot/data-lake-objects/Account_Home__dll')).status).to.equal(404);
    expect((await api('GET', '/ssot/data-streams')).body).to.have.nested.property(
      'dataStreams[0].dataLakeObjectInfo.name',
      'Orders_S3__dll'
    );
    const jobId = await jobOf('/ssot/data-kits/Retail_Core?asyncMode=true', {
      components: [
        {
          type: 'DataLakeObject',
          config: { dataSourceObjectDevName: 'Orders_S3__dll', apiName: 'Orders_S3__dll', label: 'Orders S3' },
        },
      ],
    });
    state().tick(3);
    expect(JSON.stringify((await api('GET', `/ssot/datakit-deployment-job/${jobId}`)).body)).to.include(
      'already exists in this org and is linked to a data stream'
    );
  });

  it('F8: kit types in upper case in the list', async () => {
    state().applyProfile('kit-type-upper');
    const all = (await api('GET', '/ssot/data-kits')).body as { dataKitDetails: Array<{ dataKitType: string }> };
    expect(all.dataKitDetails.map((k) => k.dataKitType)).to.deep.equal(['NONE', 'SANDBOX', 'NONE']);
  });
});
