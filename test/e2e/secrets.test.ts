/*
 * The access token never appears in what the commands print, in sf's log files (trace level), in the job
 * cache, or in JUnit files. Runs successful and failing commands, then greps every file the run wrote.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import { SfHome } from '../../scripts/lib/sf.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('e2e: no secret is printed or stored in clear', function () {
  this.timeout(240_000);
  const emulator = useEmulator(undefined, { msPerStep: 20 });

  it('greps every output and every file written for the session token', async () => {
    const home = new SfHome();
    try {
      const env = { SF_DISABLE_LOG_FILE: 'false', SF_LOG_LEVEL: 'trace', SF_DATAKIT_POLL_MS: '50' };
      const outputs = [await home.login(emulator.current.url, emulator.current.state.identity.orgId, 'emu')];
      const token = home.lastToken!;
      expect(token).to.match(/^00D\w+![0-9a-f]{48}$/);
      emulator.current.state.failures.push({
        dataKitName: 'Retail_Core',
        componentName: 'Orders_S3__dll',
        message: 'boom',
        phase: 'deploy',
      });
      for (const args of [
        ['datakit', 'list', '-o', 'emu'],
        ['datakit', 'list', '-o', 'emu', '--json', '--api-version', '60.0'],
        [
          'datakit',
          'deploy',
          '-n',
          'Retail_Core',
          '-o',
          'emu',
          '--junit',
          '--results-dir',
          join(home.dir, 'results'),
          '--json',
        ],
        ['datakit', 'status', '-n', 'Nope', '-o', 'emu'],
        ['datakit', 'deploy', 'report', '--use-most-recent', '--json'],
        ['datakit', 'undeploy', '-n', 'Retail_Core', '-o', 'emu', '--no-prompt', '--json'],
      ]) {
        outputs.push(await home.run(args, { env }));
      }
      emulator.current.state.faults.sessionExpired = true;
      outputs.push(await home.run(['datakit', 'list', '-o', 'emu', '--json'], { env }));

      const files = filesUnder(home.dir);
      expect(files.some((f) => f.endsWith('junit.xml'))).to.equal(true);
      expect(
        files.some((f) => /sf-\d{4}-\d{2}-\d{2}\.log$/.test(f)),
        'sf wrote a log file'
      ).to.equal(true);
      expect(files.some((f) => f.endsWith('datakit-job-cache.json'))).to.equal(true);
      const secretPart = token.split('!')[1];
      for (const o of outputs) expect(o.stdout + o.stderr).not.to.include(secretPart);
      for (const f of files) expect(readFileSync(f, 'latin1'), f).not.to.include(secretPart);
    } finally {
      home.remove();
    }
  });
});
