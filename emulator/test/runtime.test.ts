/*
 * The Data Cloud resources a live kit is made of: seeded ones have run; ones a metadata deploy brought appear
 * when a kit deploy makes them ACTIVE, idle, their connections without credentials until the control call.
 */
import { expect } from 'chai';
import { defaultOrg } from '../src/seed/defaultOrg.js';
import { call, useEmulator } from '../src/testing.js';
import type { SeedFile } from '../src/types.js';

const V = '/services/data/v66.0';
/** The default org's catalog as a metadata deploy would bring it: templates only, nothing live, no connections. */
const arrivedOrg: SeedFile = {
  ...defaultOrg,
  catalog: defaultOrg.catalog!.map((c) => ({ ...c, connection: undefined, arrived: true })),
  deployed: [],
};

describe('emulator: live Data Cloud resources (streams, transforms, insights, segments, activations, identity resolution)', () => {
  describe('in the org they were authored in', () => {
    const emulator = useEmulator(undefined, { clock: 'manual' });
    const api = (method: string, path: string, body?: unknown) => call(emulator.current, method, V + path, body);

    it('each has run, and the connections have their credentials', async () => {
      expect((await api('GET', '/ssot/data-streams/Orders_S3')).body).to.deep.include({
        name: 'Orders_S3',
        lastRunStatus: 'Success',
        connectorInfo: { connectorType: 'S3', connectorDetails: { name: 'Orders_S3_Connection' } },
      });
      expect((await api('GET', '/ssot/data-transforms/Orders_Cleanup')).body).to.include({ lastRunStatus: 'Success' });
      expect((await api('GET', '/ssot/calculated-insights/Customer_Lifetime_Value__cio')).body).to.include({
        lastRunStatus: 'SUCCESS',
      });
      const segments = (await api('GET', '/ssot/segments/High_Value_Segment')).body as {
        segments: Array<Record<string, unknown>>;
      };
      expect(segments.segments[0]).to.include({ apiName: 'High_Value_Segment', publishStatus: 'Success' });
      const connections = (await api('GET', '/ssot/connections?connectorType=S3')).body as {
        connections: Array<{ id: string; status: string }>;
      };
      const test = await api('POST', `/ssot/connections/${connections.connections[0].id}/actions/test`);
      expect(test.body).to.deep.equal({ success: true });
    });
  });

  describe('seeds', () => {
    const emulator = useEmulator(undefined, { clock: 'manual' });
    it('an org changes its own copy of a seed, never the seed the next org starts from', () => {
      emulator.current.state.catalog.find((c) => c.name === 'S3_Orders_Bundle')!.arrived = true;
      expect(defaultOrg.catalog!.find((c) => c.name === 'S3_Orders_Bundle')!.arrived).to.equal(undefined);
    });
  });

  describe('in an org a kit was carried to', () => {
    const emulator = useEmulator(arrivedOrg, { clock: 'manual' });
    const state = () => emulator.current.state;
    const api = (method: string, path: string, body?: unknown) => call(emulator.current, method, V + path, body);
    const runUntilDone = (): void => state().tick(2);
    const activate = (type: string, name: string): void => {
      state().deployed.set(`Retail_Core|${name}`, {
        kit: 'Retail_Core',
        type,
        name,
        componentId: 'x',
        status: 'Active',
      });
    };

    it('a stream appears when its bundle is deployed, idle, its connection waiting for credentials', async () => {
      expect((await api('GET', '/ssot/data-streams/Orders_S3')).status).to.equal(404);
      await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', {
        components: [
          {
            type: 'DataStreamBundle',
            config: {
              bundleName: 'S3_Orders_Bundle',
              connectorType: 'MORECONNECTORS',
              bundleConfig: { connectionName: 'Orders_S3_Conn' },
            },
          },
        ],
      });
      state().tick(5);
      expect((await api('GET', '/ssot/data-streams/Orders_S3')).body).to.deep.include({
        lastRunStatus: 'None',
        connectorInfo: { connectorType: 'MORECONNECTORS', connectorDetails: { name: 'Orders_S3_Conn' } },
      });
      const refused = await api('POST', '/ssot/data-streams/Orders_S3/actions/run');
      expect(refused.status).to.equal(400);
      expect(JSON.stringify(refused.body)).to.include('Orders_S3_Conn needs its credentials');

      const listed = (await api('GET', '/ssot/connections?connectorType=MORECONNECTORS')).body as {
        connections: Array<{ id: string; name: string; status: string }>;
      };
      expect(listed.connections).to.deep.include.members([
        {
          id: listed.connections[0].id,
          name: 'Orders_S3_Conn',
          label: 'Orders S3 Conn',
          connectorType: 'MORECONNECTORS',
          status: 'NeedsReAuth',
        },
      ]);
      const id = listed.connections[0].id;
      expect(
        ((await api('POST', `/ssot/connections/${id}/actions/test`)).body as { success: boolean }).success
      ).to.equal(false);

      expect(
        (await call(emulator.current, 'POST', '/__emulator/credentials', { name: 'Orders_S3_Conn' })).status
      ).to.equal(200);
      expect((await api('GET', `/ssot/connections/${id}`)).body).to.include({ status: 'Connected' });
      expect((await api('POST', '/ssot/data-streams/Orders_S3/actions/run')).body).to.deep.equal({ success: true });
      expect((await api('GET', '/ssot/data-streams/Orders_S3')).body).to.include({ lastRunStatus: 'In Progress' });
      expect(
        ((await api('POST', '/ssot/data-streams/Orders_S3/actions/run')).body as { success: boolean }).success
      ).to.equal(false);
      runUntilDone();
      expect((await api('GET', '/ssot/data-streams/Orders_S3')).body)
        .to.include({ lastRunStatus: 'Success' })
        .and.have.property('lastRefreshDate');
    });

    it('a transform run fails on a run failure rule, with the error; the next run succeeds', async () => {
      activate('DataTransform', 'Orders_Cleanup');
      await call(emulator.current, 'POST', '/__emulator/fail', {
        componentName: 'Orders_Cleanup',
        phase: 'run',
        message: 'Source Orders_S3__dll has no rows',
      });
      expect((await api('GET', '/ssot/data-transforms/Orders_Cleanup')).body).to.include({ lastRunStatus: 'None' });
      expect((await api('POST', '/ssot/data-transforms/Orders_Cleanup/actions/run')).body).to.have.property(
        'success',
        true
      );
      runUntilDone();
      expect((await api('GET', '/ssot/data-transforms/Orders_Cleanup')).body).to.deep.include({
        lastRunStatus: 'Failure',
        lastRunErrorCode: { errorCode: 'RUN_FAILED', errorMessage: 'Source Orders_S3__dll has no rows' },
      });
      await api('POST', '/ssot/data-transforms/Orders_Cleanup/actions/run');
      runUntilDone();
      expect((await api('GET', '/ssot/data-transforms/Orders_Cleanup')).body).to.include({ lastRunStatus: 'Success' });
    });

    it('insights and identity resolution run; a second run-now while one runs is refused', async () => {
      activate('CalculatedInsight', 'Customer_Lifetime_Value__cio');
      activate('IdentityResolution', 'Customer_Identity_Ruleset');
      const ci = '/ssot/calculated-insights/Customer_Lifetime_Value__cio';
      expect((await api('GET', ci)).body).to.not.have.property('lastRunStatus');
      await api('POST', `${ci}/actions/run`);
      expect((await api('GET', ci)).body).to.include({ lastRunStatus: 'IN_PROGRESS' });
      const ir = '/ssot/identity-resolutions/Customer_Identity_Ruleset';
      expect((await api('POST', `${ir}/actions/run-now`, {})).body).to.deep.equal({
        resultCode: 'SuccessfullySubmittedIdentityResolutionJobRunRequest',
      });
      expect((await api('POST', `${ir}/actions/run-now`, {})).body).to.deep.equal({
        resultCode: 'IdentityResolutionJobIsAlreadyRunning',
      });
      runUntilDone();
      expect((await api('GET', ci)).body).to.include({ lastRunStatus: 'SUCCESS' });
      expect((await api('GET', ir)).body).to.include({ lastJobStatus: 'SUCCESS' });
    });

    it('a segment is published by its id; its activation fails while the target has no credentials', async () => {
      for (const [type, name] of [
        ['MarketSegment', 'High_Value_Segment'],
        ['ActivationTarget', 'Marketing_Cloud_Target'],
        ['MarketSegmentActivation', 'High_Value_Activation'],
      ])
        activate(type, name);
      const segment = (
        (await api('GET', '/ssot/segments/High_Value_Segment')).body as {
          segments: Array<{ marketSegmentId: string; publishStatus?: string }>;
        }
      ).segments[0];
      expect(segment.publishStatus).to.equal(undefined);
      expect((await api('POST', '/ssot/segments/High_Value_Segment/actions/publish')).status).to.equal(404);
      await api('POST', `/ssot/segments/${segment.marketSegmentId}/actions/publish`);
      runUntilDone();
      expect(
        ((await api('GET', '/ssot/segments/High_Value_Segment')).body as { segments: Array<Record<string, unknown>> })
          .segments[0]
      ).to.include({ publishStatus: 'Success' });

      const targets = (await api('GET', '/ssot/activation-targets')).body as {
        activationTargets: Array<{ status: string }>;
      };
      expect(targets.activationTargets[0].status).to.equal('Inactive');
      const activation = async () =>
        ((await api('GET', '/ssot/activations')).body as { activations: Array<Record<string, unknown>> })
          .activations[0];
      await api('POST', `/ssot/activations/${String((await activation()).id)}/actions/publish`);
      runUntilDone();
      expect(await activation()).to.include({ lastPublishStatus: 'Partner_Error' });

      await call(emulator.current, 'POST', '/__emulator/credentials', { name: 'Marketing_Cloud_Target' });
      await api('POST', `/ssot/activations/${String((await activation()).id)}/actions/publish`);
      runUntilDone();
      expect(await activation()).to.include({ lastPublishStatus: 'Success' });
    });
  });
});
