import { expect } from 'chai';
import { behavioursOf, PROFILE_NAMES, PROFILES } from '../src/profiles.js';
import { call, useEmulator } from '../src/testing.js';

const V = '/services/data/v66.0';
const bundle = {
  type: 'DataStreamBundle',
  config: { bundleName: 'S3_Orders_Bundle', connectorType: 'MORECONNECTORS', bundleConfig: { connectionName: 'x' } },
};
const dlo = {
  type: 'DataLakeObject',
  config: { dataSourceObjectDevName: 'Orders_S3__dll', apiName: 'Orders_S3', label: 'Orders S3' },
};

describe('emulator: org profiles', () => {
  const emulator = useEmulator(undefined, { clock: 'manual' });
  const state = () => emulator.current.state;
  const api = (method: string, path: string, body?: unknown) => call(emulator.current, method, V + path, body);
  const soql = async (q: string): Promise<Array<Record<string, unknown>>> =>
    ((await api('GET', `/query?q=${encodeURIComponent(q)}`)).body as { records: Array<Record<string, unknown>> })
      .records;
  const logsOf = (jobId: string) =>
    soql(
      `SELECT ComponentName, ComponentType, DeploymentStatus, DeploymentError, DataKitName FROM DataKitDeploymentLog WHERE JobIdentifier = '${jobId}'`
    );
  const deploy = async (components = [bundle, dlo]): Promise<string> =>
    ((await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components })).body as { jobId: string }).jobId;

  it('names a source and a summary for every profile, and refuses an unknown one', () => {
    for (const name of PROFILE_NAMES) expect(PROFILES[name].source.length, name).to.be.above(20);
    expect(() => behavioursOf('documented,nope')).to.throw(/unknown profile nope/);
    expect(behavioursOf('log-per-job,delete-204')).to.include({
      deploymentLog: 'per-job',
      deleteStatus: 204,
      backgroundOperation: 'present',
    });
  });

  it('documented: one log row per component, and a BackgroundOperation row', async () => {
    const jobId = await deploy();
    state().tick(3);
    expect((await logsOf(jobId)).map((r) => `${String(r.ComponentName)}:${String(r.DeploymentStatus)}`)).to.deep.equal([
      'S3_Orders_Bundle:Successful',
      'Orders_S3__dll:Successful',
    ]);
    expect(await soql(`SELECT Id, Status FROM BackgroundOperation WHERE Id = '${jobId}'`)).to.have.length(1);
  });

  it('log-per-job: one row per job without component fields, carrying the whole error', async () => {
    state().applyProfile('log-per-job');
    const long = `Mapping failed: ${'x'.repeat(300)}`;
    state().failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Orders_S3__dll',
      message: long,
      phase: 'deploy',
    });
    const jobId = await deploy();
    state().tick(1);
    expect(await logsOf(jobId)).to.deep.equal([
      {
        attributes: (await logsOf(jobId))[0].attributes,
        ComponentName: null,
        ComponentType: null,
        DeploymentStatus: 'Started',
        DeploymentError: null,
        DataKitName: 'Retail_Core',
      },
    ]);
    state().tick(3);
    const [row] = await logsOf(jobId);
    expect(row).to.include({ DeploymentStatus: 'Failed', DeploymentError: long });
    const [job] = await soql(`SELECT Id, Status, Error FROM BackgroundOperation WHERE Id = '${jobId}'`);
    expect(job).to.include({ Status: 'Error', Error: long.slice(0, 255) });
  });

  it('no-deployment-log and no-background-operation: the job leaves no record, only component statuses', async () => {
    state().applyProfile('no-deployment-log,no-background-operation');
    const jobId = await deploy();
    state().tick(3);
    expect(await logsOf(jobId)).to.deep.equal([]);
    expect(await soql(`SELECT Id, Status FROM BackgroundOperation WHERE Id = '${jobId}'`)).to.deep.equal([]);
    const status = await api('GET', '/ssot/data-kits/Retail_Core/components/Orders_S3__dll/deployment-status');
    expect((status.body as { status: { code: string } }).status.code).to.equal('ACTIVE');
  });

  it('available-filter-ignored: dataKitDevName no longer leaves out what the kit has', async () => {
    const names = async (): Promise<string[]> =>
      (
        (
          await api(
            'GET',
            '/ssot/data-kits/available-components?componentType=DataLakeObject&dataKitDevName=Retail_Core'
          )
        ).body as { components: Array<{ info: { name: string } }> }
      ).components.map((c) => c.info.name);
    expect(await names()).not.to.include('Account_Home__dll');
    state().applyProfile('available-filter-ignored');
    expect(await names()).to.include('Account_Home__dll');
  });

  it('list-lag: a new kit is missing from the list until the lag has passed', async () => {
    state().applyProfile('list-lag');
    await api('POST', '/ssot/data-kits', { dataKitDevName: 'Fresh', label: 'Fresh', components: [] });
    const listed = async (): Promise<boolean> =>
      (
        (await api('GET', '/ssot/data-kits')).body as { dataKitDetails: Array<{ developerName: string }> }
      ).dataKitDetails.some((k) => k.developerName === 'Fresh');
    expect(await listed()).to.equal(false);
    state().tick(Math.ceil(1500 / state().options.msPerStep));
    expect(await listed()).to.equal(true);
  });

  it('delete-204, status-mixed-case, not-deployed-404 and deploy-answers-200 change only their answer', async () => {
    state().applyProfile('status-mixed-case,not-deployed-404,deploy-answers-200,delete-204');
    expect(
      (await api('GET', '/ssot/data-kits/Web_Engagement/components/Web_Events__dll/deployment-status')).body
    ).to.deep.include({
      status: { code: 'Active', message: 'The Status of the component is Active' },
    });
    expect(
      (await api('GET', '/ssot/data-kits/Retail_Core/components/Orders_S3__dll/deployment-status')).status
    ).to.equal(404);
    expect((await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components: [bundle] })).status).to.equal(
      200
    );
    await api('POST', '/ssot/data-kits', { dataKitDevName: 'Gone', label: 'Gone', components: [] });
    expect((await api('DELETE', '/ssot/data-kits/Gone')).status).to.equal(204);
  });

  it('log-without-action: DeploymentAction is a column the log does not have; an unknown column never is', async () => {
    const q = (fields: string): Promise<{ status: number; body: unknown }> =>
      api('GET', `/query?q=${encodeURIComponent(`SELECT ${fields} FROM DataKitDeploymentLog LIMIT 1`)}`);
    expect((await q('Id, DeploymentAction')).status).to.equal(200);
    expect((await q('Id, Nope__c')).body).to.deep.equal([
      { errorCode: 'INVALID_FIELD', message: "No such column 'Nope__c' on entity 'DataKitDeploymentLog'." },
    ]);
    state().applyProfile('log-without-action');
    expect((await q('Id, DeploymentAction')).status).to.equal(400);
    expect((await q('Id, CreatedBy.Username')).status).to.equal(200);
  });

  it('is switched through the control endpoint, and lists its profiles there', async () => {
    expect((await call(emulator.current, 'POST', '/__emulator/profile', { name: 'log-per-job' })).status).to.equal(200);
    expect(state().options.deploymentLog).to.equal('per-job');
    expect((await call(emulator.current, 'POST', '/__emulator/profile', { name: 'nope' })).status).to.equal(400);
    expect(Object.keys((await call(emulator.current, 'GET', '/__emulator/profiles')).body as object)).to.deep.equal(
      PROFILE_NAMES
    );
  });

  describe('response mutations (for the contract test)', () => {
    it('drops or nulls a field at a path, in every element of an array', async () => {
      await call(emulator.current, 'POST', '/__emulator/mutations', [
        { resource: 'list', path: 'dataKitDetails[].components[].componentType', action: 'drop' },
        { resource: 'list', path: 'dataKitDetails[].label', action: 'null' },
      ]);
      const { dataKitDetails } = (await api('GET', '/ssot/data-kits')).body as {
        dataKitDetails: Array<Record<string, unknown> & { components: Array<Record<string, unknown>> }>;
      };
      expect(
        dataKitDetails.every(
          (k) => k.label === null && k.components.every((c) => !('componentType' in c) && 'developerName' in c)
        )
      ).to.equal(true);
    });

    it('reaches into a root array and into query records', async () => {
      const jobId = await deploy([bundle]);
      await call(emulator.current, 'POST', '/__emulator/mutations', [
        { resource: 'query:BackgroundOperation', path: 'records[].Status', action: 'null' },
        { resource: 'flow', path: '[].outputValues', action: 'drop' },
      ]);
      expect((await soql(`SELECT Id, Status FROM BackgroundOperation WHERE Id = '${jobId}'`))[0].Status).to.equal(null);
      const flow = await api('POST', '/actions/custom/flow/sfdatakit__DeployDataKitComponents', {
        inputs: [
          {
            dataKitNameInput: 'Web_Engagement',
            dataKitComponentsInput: [
              { componentType: 'DataLakeObject', dloConfig: { dataSourceObjectDevName: 'Web_Events__dll' } },
            ],
          },
        ],
      });
      expect((flow.body as Array<Record<string, unknown>>)[0])
        .to.include({ isSuccess: true })
        .and.not.have.property('outputValues');
    });

    it('refuses a malformed list', async () => {
      expect(
        (
          await call(emulator.current, 'POST', '/__emulator/mutations', [
            { resource: 'list', path: 'x', action: 'rename' },
          ])
        ).status
      ).to.equal(400);
    });
  });
});
