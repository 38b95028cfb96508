import { expect } from 'chai';
import { ApiError } from '../../src/api/errors.js';
import { HttpTransport, type RetryPolicy } from '../../src/api/transport.js';
import { useEmulator } from '@sfdatakit/org-emulator/testing';

const FAST: RetryPolicy = { retries: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000 };
const LIST = { method: 'GET', path: '/services/data/v66.0/ssot/data-kits' } as const;

describe('HttpTransport', () => {
  const emulator = useEmulator();
  const transport = (refresh: () => Promise<void> = async () => {}) =>
    new HttpTransport({ instanceUrl: `${emulator.current.url}/`, accessToken: () => '00DEM0000000001!t', refresh }, FAST);
  const faults = () => emulator.current.state.faults;

  it('retries 503 and 500 on reads, then succeeds', async () => {
    faults().transient.push({ status: 503, count: 1 }, { status: 500, count: 1 });
    const t = transport();
    const out = await t.request<{ dataKitDetails: unknown[] }>(LIST);
    expect(out.dataKitDetails).to.have.length(3);
    expect(t.requestCount).to.equal(3);
  });

  it('honors Retry-After on 429', async () => {
    faults().transient.push({ status: 429, count: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    await transport().request(LIST);
    expect(Date.now() - started).to.be.at.least(900);
  });

  it('gives up after the retry budget with the status and attempts in the error', async () => {
    faults().transient.push({ status: 503, count: 10 });
    try {
      await transport().request(LIST);
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(ApiError);
      expect((e as ApiError).data).to.include({ status: 503, attempts: 4 });
      expect((e as ApiError).actions?.[0]).to.include('Rerun');
    }
  });

  it('does not retry a POST the server may have started (500), but does retry a 503', async () => {
    faults().transient.push({ status: 500, count: 1 });
    const t = transport();
    const body = { dataKitDevName: 'K1', label: 'K', components: [] };
    await t.request({ method: 'POST', path: '/services/data/v66.0/ssot/data-kits', body }).catch((e: ApiError) => expect(e.data?.status).to.equal(500));
    expect(t.requestCount).to.equal(1);
    faults().transient.push({ status: 503, count: 1 });
    await t.request({ method: 'POST', path: '/services/data/v66.0/ssot/data-kits', body });
    expect(emulator.current.state.kits.has('K1')).to.equal(true);
  });

  it('never retries a 4xx that will not change', async () => {
    const t = transport();
    await t.request({ method: 'DELETE', path: '/services/data/v66.0/ssot/data-kits/Nope' }).catch(() => undefined);
    expect(t.requestCount).to.equal(1);
  });

  it('refreshes an expired session once, then reports it', async () => {
    faults().sessionExpired = true;
    let refreshes = 0;
    try {
      await transport(async () => {
        refreshes += 1;
      }).request(LIST);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as ApiError).name).to.equal('INVALID_SESSION_ID');
      expect((e as ApiError).actions?.[0]).to.include('sf org login');
    }
    expect(refreshes).to.equal(1);
  });

  it('retries a truncated JSON body on reads and reports MALFORMED_RESPONSE when it persists', async () => {
    faults().malformed.push({ count: 1 });
    expect(await transport().request(LIST)).to.have.property('dataKitDetails');
    faults().malformed.push({ count: 10 });
    const err = await transport().request(LIST).catch((e: ApiError) => e);
    expect((err as ApiError).name).to.equal('MALFORMED_RESPONSE');
  });

  it('retries a dropped connection on reads', async () => {
    faults().reset.push({ count: 2 });
    expect(await transport().request(LIST)).to.have.property('dataKitDetails');
  });

  it('never puts the access token in an error', async () => {
    faults().transient.push({ status: 503, count: 10 });
    const err = (await transport().request(LIST).catch((e: Error) => e)) as ApiError;
    expect(JSON.stringify({ message: err.message, data: err.data, actions: err.actions, stack: err.stack })).not.to.include('00DEM0000000001!t');
  });
});
