import { expect } from 'chai';
import { call, useEmulator } from '../src/testing.js';

const V = '/services/data/v66.0';
const dlo = {
  type: 'DataLakeObject',
  config: { dataSourceObjectDevName: 'Orders_S3__dll', apiName: 'Orders_S3', label: 'Orders S3' },
};

describe('emulator: who changed what (CreatedBy on the deployment log)', () => {
  const emulator = useEmulator(undefined, { clock: 'manual' });
  const api = (method: string, path: string, body?: unknown) => call(emulator.current, method, V + path, body);
  const deployAs = async (username?: string): Promise<string> => {
    await call(emulator.current, 'POST', '/__emulator/user', username ? { username, name: username } : {});
    const r = await api('POST', '/ssot/data-kits/Retail_Core?asyncMode=true', { components: [dlo] });
    await call(emulator.current, 'POST', '/__emulator/tick', { n: 5 });
    return (r.body as { jobId: string }).jobId;
  };

  it('names the person behind each log row through the CreatedBy relationship, newest first', async () => {
    const first = await deployAs();
    const second = await deployAs('release.manager@example.com');
    const q = encodeURIComponent(
      "SELECT JobIdentifier, CreatedById, CreatedBy.Username, CreatedDate FROM DataKitDeploymentLog WHERE DataKitName = 'Retail_Core' ORDER BY CreatedDate DESC"
    );
    const rows = ((await api('GET', `/query?q=${q}`)).body as { records: Array<Record<string, unknown>> }).records;
    const who = (job: string) =>
      rows.filter((r) => r.JobIdentifier === job).map((r) => (r.CreatedBy as { Username: string }).Username);
    expect(who(first)).to.deep.equal([emulator.current.state.identity.username]);
    expect(who(second)).to.deep.equal(['release.manager@example.com']);
    expect(rows[0].JobIdentifier).to.equal(second);
  });

  it('refuses a relationship it does not know', async () => {
    await deployAs();
    const q = encodeURIComponent('SELECT Owner.Name FROM DataKitDeploymentLog');
    const r = await api('GET', `/query?q=${q}`);
    expect(r.status).to.equal(400);
    expect(JSON.stringify(r.body)).to.include("No such relation 'Owner'");
  });
});
