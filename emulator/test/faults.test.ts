import { expect } from 'chai';
import { call, useEmulator } from '../src/testing.js';

const LIST = '/services/data/v66.0/ssot/data-kits';

describe('emulator: fault switches', () => {
  const emulator = useEmulator();
  const faults = () => emulator.current.state.faults;

  it('answers the next N requests with a transient status and Retry-After, then recovers', async () => {
    faults().transient.push({ status: 429, count: 1, retryAfterSeconds: 2 });
    const limited = await call(emulator.current, 'GET', LIST);
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('retry-after')).to.equal('2');
    expect((await call(emulator.current, 'GET', LIST)).status).to.equal(200);
  });

  it('expires the session', async () => {
    faults().sessionExpired = true;
    expect((await call(emulator.current, 'GET', LIST)).status).to.equal(401);
  });

  it('sends a truncated body', async () => {
    faults().malformed.push({ count: 1 });
    const res = await call(emulator.current, 'GET', LIST);
    expect(res.status).to.equal(200);
    expect(typeof res.body).to.equal('string');
  });

  it('drops the connection', async () => {
    faults().reset.push({ count: 1 });
    let failed = false;
    await call(emulator.current, 'GET', LIST).catch(() => (failed = true));
    expect(failed).to.equal(true);
  });

  it('plays an org without Data Cloud', async () => {
    faults().noDataCloud = true;
    expect((await call(emulator.current, 'GET', LIST)).status).to.equal(404);
  });

  it('is reachable through the control endpoints', async () => {
    const res = await fetch(`${emulator.current.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 5 }),
    });
    expect(res.status).to.equal(200);
    expect(faults().latencyMs).to.equal(5);
  });
});
