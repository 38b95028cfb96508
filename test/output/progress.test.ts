/*
 * Progress without a terminal: a line when something changes, and a line at least every few minutes while a long
 * job runs unchanged (a silent CI log looks hung). The clock is faked: nothing here waits or measures real time.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { JobProgress } from '../../src/output/progress.js';
import type { Progress } from '../../src/deploy/watcher.js';

const running: Progress = {
  jobStatus: 'Running',
  kit: 'Retail_Core',
  polls: 1,
  components: [{ type: 'DataLakeObject', name: 'Orders_S3__dll', state: 'InProgress' }],
};

describe('job progress without a terminal', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 0, toFake: ['Date'] });
  });
  afterEach(() => clock.restore());

  it('says it is still watching every five minutes while nothing changes, with the minutes so far', async () => {
    const lines: string[] = [];
    const progress = await JobProgress.start({
      kind: 'deploy',
      jobId: '08P000000000001',
      kit: 'Retail_Core',
      org: 'uat',
      total: 1,
      mode: 'lines',
      write: (l) => lines.push(l),
    });
    progress.update(running);
    expect(lines).to.have.length(2);
    clock.tick(60_000);
    progress.update(running);
    expect(lines, 'one minute unchanged: nothing new').to.have.length(2);
    clock.tick(240_000);
    progress.update(running);
    expect(lines).to.have.length(3);
    expect(lines[2]).to.match(
      /^Still watching after 5 min .*Job Running: 0\/1 component\(s\) done, 0 failed, now DataLakeObject:Orders_S3__dll/
    );
    clock.tick(60_000);
    progress.update(running);
    expect(lines, 'the next one five minutes after the last line').to.have.length(3);
  });
});
