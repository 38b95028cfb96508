/*
 * What --help promises about exit codes is what the commands do (badInput.test.ts and profiles.test.ts check the
 * doing): an unreadable flag value exits 2, --async exits 0, report exits 0 whatever the job's state.
 */
import { expect } from 'chai';
import DatakitDeploy from '../../src/commands/datakit/deploy.js';
import DatakitDeployReport from '../../src/commands/datakit/deploy/report.js';
import DatakitList from '../../src/commands/datakit/list.js';

const section = (codes: unknown): Record<string, string> =>
  Object.fromEntries(
    (codes as { body: Array<{ name: string; description: string }> }).body.map((b) => [b.name, b.description])
  );

describe('EXIT CODES in --help', () => {
  it('says a flag value that cannot be read exits 2, on every kind of command', () => {
    for (const cmd of [DatakitDeploy, DatakitList, DatakitDeployReport]) {
      expect(section(cmd.errorCodes)['2'], cmd.name).to.include('cannot be read');
      expect(section(cmd.errorCodes)['1'], cmd.name).not.to.include('cannot be read');
    }
  });

  it('says --async exits 0 and 69 is a wait that ran out or an interrupted watch', () => {
    const codes = section(DatakitDeploy.errorCodes);
    expect(codes['0']).to.include('--async');
    expect(codes['69']).not.to.include('--async');
    expect(codes['69']).to.include('SIGTERM');
  });

  it('says deploy report exits 0 whatever the job did', () => {
    const codes = section(DatakitDeployReport.errorCodes);
    expect(codes['0']).to.include('whatever its state');
    expect(Object.keys(codes)).not.to.include('68');
  });
});
