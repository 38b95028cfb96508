import { expect } from 'chai';
import { call, useEmulator } from '../src/testing.js';

const V = '/services/data/v66.0';

describe('emulator: Data Kit resources', () => {
  const emulator = useEmulator(undefined, { clock: 'manual' });
  const api = (method: string, path: string, body?: unknown) => call(emulator.current, method, V + path, body);
  const tick = (n = 1) => emulator.current.state.tick(n);

  describe('auth and versions', () => {
    it('answers 401 INVALID_SESSION_ID without a bearer token', async () => {
      const res = await call(emulator.current, 'GET', `${V}/ssot/data-kits`, undefined, { authorization: '' });
      expect(res.status).to.equal(401);
      expect(res.body).to.deep.equal([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
    });

    it("rejects another org's session", async () => {
      const res = await call(emulator.current, 'GET', `${V}/ssot/data-kits`, undefined, {
        authorization: 'Bearer 00DXX0000000009!other',
      });
      expect(res.status).to.equal(401);
    });

    it('collapses the double slash sf sends after login', async () => {
      expect((await call(emulator.current, 'GET', `/${V}/ssot/data-kits`)).status).to.equal(200);
    });

    it('has no Data Kit resources below their first API version', async () => {
      expect((await call(emulator.current, 'GET', '/services/data/v62.0/ssot/data-kits')).status).to.equal(404);
      expect(
        (await call(emulator.current, 'DELETE', '/services/data/v63.0/ssot/data-kits/Retail_Core')).status
      ).to.equal(404);
      expect(emulator.current.state.kits.has('Retail_Core')).to.equal(true);
    });

    it('advertises versions up to its maximum', async () => {
      const res = await call(emulator.current, 'GET', '/services/data');
      const versions = (res.body as Array<{ version: string }>).map((v) => v.version);
      expect(versions.at(-1)).to.equal('66.0');
    });
  });

  describe('kits', () => {
    it('lists kits in the spec shape', async () => {
      const res = await api('GET', '/ssot/data-kits');
      const kit = (res.body as { dataKitDetails: Array<Record<string, unknown>> }).dataKitDetails.find(
        (k) => k.developerName === 'Retail_Core'
      );
      expect(kit).to.include.keys('developerName', 'label', 'components', 'publishingSequence');
      expect((kit?.components as unknown[])[0]).to.deep.include({
        componentType: 'DataStreamBundle',
        developerName: 'Salesforce_CRM_Bundle',
        connectorType: 'CRM',
      });
    });

    it('creates a kit and echoes devName, adding fieldApiNames to streams', async () => {
      const res = await api('POST', '/ssot/data-kits', {
        dataKitDevName: 'New_Kit',
        label: 'New',
        components: [{ type: 'DataStreamBundle', info: { name: 'S3_Orders_Bundle', label: 'S3' } }],
      });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.include({ devName: 'New_Kit', label: 'New' });
      expect(
        (res.body as { components: Array<{ info: { streams: Array<{ fieldApiNames: unknown[] }> } }> }).components[0]
          .info.streams[0].fieldApiNames
      ).to.deep.equal([]);
    });

    it('rejects a create without label, with an unknown type, or a duplicate name', async () => {
      expect((await api('POST', '/ssot/data-kits', { dataKitDevName: 'X', components: [] })).status).to.equal(400);
      expect(
        (
          await api('POST', '/ssot/data-kits', {
            dataKitDevName: 'X',
            label: 'X',
            components: [{ type: 'Nope', info: { name: 'a' } }],
          })
        ).status
      ).to.equal(400);
      const dup = await api('POST', '/ssot/data-kits', { dataKitDevName: 'Retail_Core', label: 'X', components: [] });
      expect(dup.status).to.equal(400);
      expect((dup.body as Array<{ errorCode: string }>)[0].errorCode).to.equal('DUPLICATE_VALUE');
    });

    it('rejects malformed JSON with JSON_PARSER_ERROR', async () => {
      const res = await api('POST', '/ssot/data-kits', '{"dataKitDevName": ');
      expect(res.status).to.equal(400);
      expect((res.body as Array<{ errorCode: string }>)[0].errorCode).to.equal('JSON_PARSER_ERROR');
    });

    it('PATCH replaces the whole component set and accepts only components', async () => {
      const res = await api('PATCH', '/ssot/data-kits/Retail_Core', {
        components: [{ type: 'DataLakeObject', info: { name: 'Orders_S3__dll' } }],
      });
      expect(res.status).to.equal(200);
      expect(emulator.current.state.kits.get('Retail_Core')?.components.map((c) => c.info.name)).to.deep.equal([
        'Orders_S3__dll',
      ]);
      expect((await api('PATCH', '/ssot/data-kits/Retail_Core', { label: 'x', components: [] })).status).to.equal(400);
    });

    it('DELETE: 200 with no body, then 404 NOT_FOUND naming the kit', async () => {
      const first = await api('DELETE', '/ssot/data-kits/Retail_Core');
      expect(first.status).to.equal(200);
      expect(first.body).to.equal(undefined);
      const again = await api('DELETE', '/ssot/data-kits/Retail_Core');
      expect(again.status).to.equal(404);
      expect(again.body).to.deep.equal([
        { errorCode: 'NOT_FOUND', message: 'PackageKitDefinition does not exist: Retail_Core' },
      ]);
    });
  });

  describe('available components', () => {
    it('filters by type, excludes what the kit already has, and pages with limit/offset', async () => {
      const all = await api(
        'GET',
        '/ssot/data-kits/available-components?componentType=DataLakeObject&limit=2&offset=0'
      );
      expect((all.body as { components: unknown[] }).components).to.have.length(2);
      const notInKit = await api(
        'GET',
        '/ssot/data-kits/available-components?componentType=DataLakeObject&dataKitDevName=Retail_Core'
      );
      const names = (notInKit.body as { components: Array<{ info: { name: string } }> }).components.map(
        (c) => c.info.name
      );
      expect(names).to.deep.equal(['Web_Events__dll', 'Mobile_Engagement__dll']);
    });

    it('rejects limit outside 1..200', async () => {
      expect((await api('GET', '/ssot/data-kits/available-components?limit=201')).status).to.equal(400);
      expect((await api('GET', '/ssot/data-kits/available-components?limit=0')).status).to.equal(400);
    });
  });

  describe('manifest', () => {
    it('is served on the singular datakit path only', async () => {
      const res = await api('GET', '/ssot/datakit/Retail_Core/manifest');
      const members = (res.body as { dataKitMembers: Array<{ entityName: string; developerName: string[] }> })
        .dataKitMembers;
      expect(members.find((m) => m.entityName === 'DataPackageKitDefinition')?.developerName).to.deep.equal([
        'Retail_Core',
      ]);
      expect(members.map((m) => m.entityName)).to.include.members([
        'DataPackageKitObject',
        'DataSourceBundleDefinition',
        'DataStreamTemplate',
        'CustomObject',
      ]);
      expect((await api('GET', '/ssot/data-kits/Retail_Core/manifest')).status).to.equal(404);
      expect((await api('GET', '/ssot/datakit/Nope/manifest')).status).to.equal(404);
    });
  });

  describe('deploy lifecycle (manual clock)', () => {
    const bundle = {
      type: 'DataStreamBundle',
      config: {
        bundleName: 'S3_Orders_Bundle',
        connectorType: 'MORECONNECTORS',
        bundleConfig: { connectionName: 'Orders_S3_Connection' },
      },
    };
    const dlo = {
      type: 'DataLakeObject',
      config: { dataSourceObjectDevName: 'Orders_S3__dll', apiName: 'Orders_S3', label: 'Orders S3' },
    };
    const job = async (id: string) =>
      (
        (
          await api(
            'GET',
            `/query?q=${encodeURIComponent(`SELECT Id, Status, Error FROM BackgroundOperation WHERE Id = '${id}'`)}`
          )
        ).body as { records: Array<{ Status: string; Error: string | null }> }
      ).records[0];
    const status = async (name: string) =>
      (
        (await api('GET', `/ssot/data-kits/Retail_Core/components/${name}/deployment-status`)).body as {
          status: { code: string };
        }
      ).status.code;

    it('requires asyncMode=true', async () => {
      const res = await api('POST', '/ssot/data-kits/Retail_Core', { components: [bundle] });
      expect(res.status).to.equal(400);
      expect(JSON.stringify(res.body)).to.include('asyncMode');
    });

    it('answers 202 with an 08P job id and walks each component to Active, one per step', async () => {
      const res = await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components: [bundle, dlo] });
      expect(res.status).to.equal(202);
      const { jobId } = res.body as { jobId: string };
      expect(jobId).to.match(/^08P\w{12}$/);
      expect((await job(jobId)).Status).to.equal('New');
      expect(await status('S3_Orders_Bundle')).to.equal('NOT_DEPLOYED');
      tick();
      expect((await job(jobId)).Status).to.equal('Running');
      expect(await status('S3_Orders_Bundle')).to.equal('PROCESSING');
      tick();
      expect(await status('S3_Orders_Bundle')).to.equal('ACTIVE');
      expect(await status('Orders_S3__dll')).to.equal('PROCESSING');
      tick();
      expect((await job(jobId)).Status).to.equal('Complete');
      const logs = await api(
        'GET',
        `/query?q=${encodeURIComponent(`SELECT ComponentName, DeploymentStatus FROM DataKitDeploymentLog WHERE JobIdentifier = '${jobId}' ORDER BY CreatedDate ASC`)}`
      );
      expect(
        (logs.body as { records: Array<{ DeploymentStatus: string }> }).records.map((r) => r.DeploymentStatus)
      ).to.deep.equal(['Successful', 'Successful']);
    });

    it('fails the job on an injected failure and leaves later components untouched', async () => {
      emulator.current.state.failures.push({
        dataKitName: 'Retail_Core',
        componentName: 'S3_Orders_Bundle',
        message: 'Connection Orders_S3_Connection is not authenticated',
        phase: 'deploy',
      });
      const { jobId } = (await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components: [bundle, dlo] }))
        .body as { jobId: string };
      tick(5);
      const j = await job(jobId);
      expect(j).to.deep.include({ Status: 'Error', Error: 'Connection Orders_S3_Connection is not authenticated' });
      expect(await status('S3_Orders_Bundle')).to.equal('ERROR');
      expect(await status('Orders_S3__dll')).to.equal('NOT_DEPLOYED');
    });

    it('fails a component whose dependency is not deployed', async () => {
      const { jobId } = (await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components: [dlo] }))
        .body as { jobId: string };
      tick(3);
      expect((await job(jobId)).Error).to.include('S3_Orders_Bundle must be deployed before Orders_S3__dll');
    });

    it('rejects a component that is not in the kit, and a second deploy while one runs', async () => {
      const stranger = {
        type: 'DataLakeObject',
        config: { dataSourceObjectDevName: 'Web_Events__dll', apiName: 'W', label: 'W' },
      };
      const res = await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components: [stranger] });
      expect(JSON.stringify(res.body)).to.include('Web_Events__dll does not exist in the Data kit');
      await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components: [bundle] });
      expect(
        (await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components: [bundle] })).status
      ).to.equal(409);
    });

    it('deploys a DevOps kit from an empty body, in publishing order', async () => {
      const res = await api('POST', '/ssot/data-kits/Web_Engagement?asyncMode=true', {});
      expect(res.status).to.equal(400); // a standard kit needs components
      const devops = await api('POST', '/ssot/data-kits/Marketing_Activation?asyncMode=true', {});
      const { jobId } = devops.body as { jobId: string };
      expect(emulator.current.state.jobs.get(jobId)?.steps.map((s) => s.name)).to.deep.equal([
        'High_Value_Customers__cio',
        'Customer_Identity_Ruleset',
        'High_Value_Segment',
        'Marketing_Cloud_Target',
        'High_Value_Activation',
      ]);
    });

    it('undeploys in request order and refuses to remove a component others still need', async () => {
      const blocked = (
        await api('POST', '/ssot/data-kits/Web_Engagement/undeploy?asyncMode=true', {
          components: [{ type: 'DataStreamBundle', name: 'Web_Events_Bundle' }],
        })
      ).body as { jobId: string };
      tick(3);
      expect((await job(blocked.jobId)).Error).to.include('Web_Events__dll depends on it');
      const ok = (
        await api('POST', '/ssot/data-kits/Web_Engagement/undeploy?asyncMode=true', {
          components: [
            { type: 'DataLakeObject', name: 'Web_Events__dll' },
            { type: 'DataStreamBundle', name: 'Web_Events_Bundle' },
          ],
        })
      ).body as { jobId: string };
      tick(4);
      expect((await job(ok.jobId)).Status).to.equal('Complete');
      expect([...emulator.current.state.deployed.keys()].filter((k) => k.startsWith('Web_Engagement'))).to.deep.equal(
        []
      );
    });
  });

  describe('dependencies', () => {
    it('requires componentType and lists what a component needs', async () => {
      expect((await api('GET', '/ssot/data-kits/Retail_Core/components/Orders_S3__dll/dependencies')).status).to.equal(
        400
      );
      const res = await api(
        'GET',
        '/ssot/data-kits/Retail_Core/components/Orders_S3__dll/dependencies?componentType=DataLakeObject'
      );
      expect(
        (res.body as { componentDependencies: Array<{ name: string; type: string }> }).componentDependencies.map(
          (d) => `${d.type}:${d.name}`
        )
      ).to.deep.equal(['DataStreamBundle:S3_Orders_Bundle']);
    });
  });

  describe('unwrap flow action', () => {
    it('answers the invocable-action array with an interview GUID and logs by it', async () => {
      const res = await api('POST', '/actions/custom/flow/sfdatakit__DeployDataKitComponents', {
        inputs: [
          {
            dataKitNameInput: 'Retail_Core',
            dataKitComponentsInput: [
              {
                componentType: 'DataStreamBundle',
                bundleConfig: { bundleName: 'S3_Orders_Bundle', connectorType: 'MORECONNECTORS' },
              },
            ],
          },
        ],
      });
      const [result] = res.body as Array<{
        isSuccess: boolean;
        outputValues: { Flow__InterviewGuid: string; Flow__InterviewStatus: string };
      }>;
      expect(result.isSuccess).to.equal(true);
      expect(result.outputValues.Flow__InterviewStatus).to.equal('Waiting');
      tick(2);
      const logs = await api(
        'GET',
        `/query?q=${encodeURIComponent(`SELECT DeploymentStatus FROM DataKitDeploymentLog WHERE FlowInterviewIdentifier = '${result.outputValues.Flow__InterviewGuid}' AND DeployJob != null`)}`
      );
      expect((logs.body as { records: Array<{ DeploymentStatus: string }> }).records[0].DeploymentStatus).to.equal(
        'Successful'
      );
    });

    it('answers isSuccess false for an unknown kit, and 400 for a top-level components key', async () => {
      const res = await api('POST', '/actions/custom/flow/sfdatakit__DeployDataKitComponents', {
        inputs: [{ dataKitNameInput: 'Nope', dataKitComponentsInput: [] }],
      });
      expect((res.body as Array<{ isSuccess: boolean }>)[0].isSuccess).to.equal(false);
      expect(
        (await api('POST', '/actions/custom/flow/sfdatakit__DeployDataKitComponents', { components: [] })).status
      ).to.equal(400);
    });
  });

  describe('SOQL subset', () => {
    it('answers MALFORMED_QUERY for what it does not understand', async () => {
      const res = await api('GET', `/query?q=${encodeURIComponent('SELECT FROM WHERE')}`);
      expect(res.status).to.equal(400);
      expect((res.body as Array<{ errorCode: string }>)[0].errorCode).to.equal('MALFORMED_QUERY');
    });
  });
});
