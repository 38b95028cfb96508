import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import { ApiError, InterruptedError } from '../../src/api/errors.js';
import { HttpTransport, type RetryPolicy } from '../../src/api/transport.js';
import { withInterrupt } from '../../src/shared/interrupt.js';

const FAST: RetryPolicy = { retries: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000, totalMs: 60_000 };

/** The error a call rejects with; fails the test when the call succeeds. */
async function rejection(call: Promise<unknown>): Promise<ApiError> {
  const outcome = await call.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(outcome, 'the call should have failed').to.be.instanceOf(Error);
  return outcome as ApiError;
}
const LIST = { method: 'GET', path: '/services/data/v66.0/ssot/data-kits' } as const;

describe('HttpTransport', () => {
  const emulator = useEmulator();
  const transport = (refresh: () => Promise<void> = async () => {}) =>
    new HttpTransport(
      { instanceUrl: `${emulator.current.url}/`, accessToken: () => '00DEM0000000001!t', refresh },
      FAST
    );
  const faults = () => emulator.current.state.faults;

  it('retries 503 and 500 on reads, then succeeds', async () => {
    faults().transient.push({ status: 503, count: 1 }, { status: 500, count: 1 });
    const t = transport();
    const out = await t.request<{ dataKitDetails: unknown[] }>(LIST);
    expect(out?.dataKitDetails).to.have.length(3);
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
    const err = await rejection(t.request({ method: 'POST', path: '/services/data/v66.0/ssot/data-kits', body }));
    expect(err.data?.status).to.equal(500);
    expect(t.requestCount).to.equal(1);
    faults().transient.push({ status: 503, count: 1 });
    await t.request({ method: 'POST', path: '/services/data/v66.0/ssot/data-kits', body });
    expect(emulator.current.state.kits.has('K1')).to.equal(true);
  });

  it('never retries a 4xx that will not change', async () => {
    const t = transport();
    const err = await rejection(t.request({ method: 'DELETE', path: '/services/data/v66.0/ssot/data-kits/Nope' }));
    expect(err.data?.status).to.equal(404);
    expect(t.requestCount).to.equal(1);
  });

  it('refreshes an expired session once, then reports it', async () => {
    faults().sessionExpired = true;
    let refreshes = 0;
    try {
      await transport(() => {
        refreshes += 1;
        return Promise.resolve();
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
    expect((await rejection(transport().request(LIST))).name).to.equal('MALFORMED_RESPONSE');
  });

  it('retries a dropped connection on reads', async () => {
    faults().reset.push({ count: 2 });
    expect(await transport().request(LIST)).to.have.property('dataKitDetails');
  });

  it('never puts the access token in an error', async () => {
    faults().transient.push({ status: 503, count: 10 });
    const err = await rejection(transport().request(LIST));
    expect(
      JSON.stringify({ message: err.message, data: err.data, actions: err.actions, stack: err.stack })
    ).not.to.include('00DEM0000000001!t');
  });

  it('bounds one request: a hung answer fails after the request timeout, not minutes later', async () => {
    faults().latencyMs = 2000;
    const started = Date.now();
    const t = new HttpTransport(
      { instanceUrl: emulator.current.url, accessToken: () => '00DEM0000000001!t', refresh: async () => {} },
      { ...FAST, retries: 1, timeoutMs: 200 }
    );
    const err = await rejection(t.request(LIST));
    expect(err.name).to.equal('NETWORK_ERROR');
    expect(err.message).to.include('timed out');
    expect(Date.now() - started).to.be.below(1500);
  });

  it('bounds all attempts of a call together: no retry starts after the total budget', async () => {
    faults().transient.push({ status: 503, count: 50 });
    const t = new HttpTransport(
      { instanceUrl: emulator.current.url, accessToken: () => '00DEM0000000001!t', refresh: async () => {} },
      { ...FAST, retries: 50, baseDelayMs: 100, maxDelayMs: 100, totalMs: 350 }
    );
    const started = Date.now();
    const err = await rejection(t.request(LIST));
    expect(err.data?.status).to.equal(503);
    expect(t.requestCount).to.be.at.most(5);
    expect(Date.now() - started).to.be.below(1000);
  });

  it("a hung org: the request in flight ends at the call's deadline, not at its own longer timeout", async () => {
    faults().latencyMs = 30_000;
    const t = new HttpTransport(
      { instanceUrl: emulator.current.url, accessToken: () => '00DEM0000000001!t', refresh: async () => {} },
      { ...FAST, retries: 3, timeoutMs: 20_000, totalMs: 300 }
    );
    const started = Date.now();
    const err = await rejection(t.request(LIST));
    expect(err.name).to.equal('NETWORK_ERROR');
    expect(t.requestCount).to.equal(1);
    // the old bound was the request timeout (20 s here); the deadline is 0.3 s: anything near 20 s is the bug
    expect(Date.now() - started).to.be.below(10_000);
  });

  it('drops a request in flight at once when the watch is interrupted (Ctrl-C, SIGTERM)', async () => {
    faults().latencyMs = 3000;
    const started = Date.now();
    const outcome = await withInterrupt(async () => {
      setTimeout(() => process.emit('SIGTERM', 'SIGTERM'), 100);
      return transport()
        .request(LIST)
        .then(
          () => undefined,
          (e: unknown) => e
        );
    });
    expect(outcome).to.be.instanceOf(InterruptedError);
    expect(Date.now() - started).to.be.below(1500);
  });
});
