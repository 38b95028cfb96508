/*
 * What a second, independently written org showed (issue 12): an org that lags behind a create, one that ignores
 * the available-components filter, manifests listing types the CLI registry does not know, and the titles of a
 * watch that only knows a job id.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { call, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitComponentAdd from '../../../src/commands/datakit/component/add.js';
import DatakitComponentList from '../../../src/commands/datakit/component/list.js';
import DatakitCreate from '../../../src/commands/datakit/create.js';
import DatakitDeploy from '../../../src/commands/datakit/deploy.js';
import DatakitDeployResume from '../../../src/commands/datakit/deploy/resume.js';
import DatakitManifest from '../../../src/commands/datakit/manifest.js';
import { RecentKits } from '../../../src/kits/recentKits.js';
import { forgetPrinted, printed, useEmulatorOrg } from '../../support/org.js';

describe('org quirks: list lag, an ignored filter, unknown manifest types, job titles', () => {
  const emulator = useEmulator(undefined, { msPerStep: 5 });
  const org = useEmulatorOrg(emulator);
  const state = () => emulator.current.state;
  /** the list-lag profile, with a shorter lag: what is tested is that commands wait for it, not its length */
  const lagging = (): void => {
    state().applyProfile('list-lag');
    state().options.listLagMs = 400;
  };

  it('create returns only once the org lists the kit, so the next command finds it', async () => {
    lagging();
    const started = Date.now();
    const created = await DatakitCreate.run(['-o', org.username(), '-n', 'Lagging_Kit', '-l', 'Lagging']);
    expect(created.listed).to.equal(true);
    expect(Date.now() - started, 'waited for the list').to.be.at.least(350);
    const added = await DatakitComponentAdd.run([
      '-o',
      org.username(),
      '-n',
      'Lagging_Kit',
      '-c',
      'DLO:Orders_S3__dll',
    ]);
    expect(added.components.map((c) => c.name)).to.deep.equal(['Orders_S3__dll']);
  });

  it('a kit created from this machine but not listed yet is looked up again until the org lists it, with a note', async () => {
    lagging();
    // created elsewhere in this session (another terminal, a script): the list lags behind it
    await call(emulator.current, 'POST', '/services/data/v66.0/ssot/data-kits', {
      dataKitDevName: 'Fresh_Kit',
      label: 'Fresh',
      components: [],
    });
    await RecentKits.remember(state().identity.orgId, 'Fresh_Kit');
    const added = await DatakitComponentAdd.run(['-o', org.username(), '-n', 'Fresh_Kit', '-c', 'DLO:Orders_S3__dll']);
    expect(added.added.map((c) => c.name)).to.deep.equal(['Orders_S3__dll']);
    expect(printed(org.ux())).to.include(
      'Data kit Fresh_Kit was created from this machine minutes ago but is not listed yet'
    );
  });

  it('a kit nobody created here is not waited for: not found at once', async () => {
    lagging();
    const started = Date.now();
    const err = await DatakitComponentAdd.run([
      '-o',
      org.username(),
      '-n',
      'Never_Made',
      '-c',
      'DLO:Orders_S3__dll',
    ]).catch((e: Error) => e);
    expect((err as Error).message).to.include('Data kit "Never_Made" was not found');
    expect(Date.now() - started, 'no wait for the lag').to.be.below(350);
  });

  it('component list --available --name leaves out what the kit has even when the org ignores the filter', async () => {
    state().applyProfile('available-filter-ignored');
    const result = await DatakitComponentList.run([
      '-o',
      org.username(),
      '--available',
      '--name',
      'Retail_Core',
      '--type',
      'DLO',
    ]);
    const names = result.components.map((c) => c.name);
    expect(names).not.to.include('Account_Home__dll');
    expect(names).to.include('Web_Events__dll');
    expect(
      state().requests.some(
        (r) => r.path.endsWith('available-components') && r.query.includes('dataKitDevName=Retail_Core')
      )
    ).to.equal(true);
  });

  it('manifest --output-file leaves out what the registry or the Metadata API cannot carry, with one warning each, as retrieve does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      const result = await DatakitManifest.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '--output-file',
        join(dir, 'package.xml'),
      ]);
      expect(result.excluded.map((t) => t.type).sort()).to.deep.equal([
        'ExtDataTranFieldTemplate',
        'MktDataLakeAttributes',
      ]);
      const xml = readFileSync(join(dir, 'package.xml'), 'utf8');
      expect(xml).not.to.include('MktDataLakeAttributes');
      const warnings = org
        .ux()
        .warn.getCalls()
        .map((c) => String(c.args[0]));
      expect(warnings.filter((w) => w.startsWith('Left out MktDataLakeAttributes'))).to.have.length(1);
      expect(warnings.find((w) => w.startsWith('Left out MktDataLakeAttributes'))).to.include(
        'the CLI registry does not know this type'
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a resume that only knows the job id says so in its title, and never claims to wait for a finished job', async () => {
    const started = await DatakitDeploy.run(['-o', org.username(), '-n', 'Web_Engagement', '--json']);
    org.$$.setConfigStubContents('JobCache', { contents: {} });
    forgetPrinted(org.ux());
    await DatakitDeployResume.run(['-o', org.username(), '--job-id', started.jobId!]);
    const out = printed(org.ux());
    expect(out).to.include(`Watching data kit job ${started.jobId}`);
    expect(out).not.to.include(`Deploying data kit ${started.jobId}`);
    expect(out).not.to.include('Waiting for the org to start the job');
  });
});
