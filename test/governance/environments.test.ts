/*
 * .sfdatakit/environments.json arrives with pull requests and guards production: read strictly, every problem
 * named, nothing half-read.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import {
  configFileOf,
  parseEnvironments,
  readEnvironments,
  skippedStages,
  type Environment,
} from '../../src/governance/environments.js';

const refusal = (text: string): string => {
  try {
    parseEnvironments(text, 'envs.json');
  } catch (e) {
    expect((e as SfError).name).to.equal('EnvironmentsRefused');
    return (e as SfError).message;
  }
  throw new Error('not refused');
};

describe('environments.json', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'envs-'));
    mkdirSync(join(root, '.sfdatakit'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names every problem: not JSON, no list, a bad field, a path out of the project, an alias twice', () => {
    expect(refusal('{')).to.include('envs.json was not read');
    expect(refusal('{"environments": {}}')).to.include('no "environments" list');
    expect(refusal('{"environments": [null]}')).to.include('environment 0 is not an object');
    const many = refusal(
      JSON.stringify({
        environments: [
          { alias: 'prod', order: 0, orgId: '001x', configFile: '../outside.json', role: 'x'.repeat(41) },
          { alias: 'prod', username: 7 },
        ],
      })
    );
    for (const field of ['"order"', '"orgId"', '"configFile"', '"role"', '"username"', 'listed twice: prod'])
      expect(many).to.include(field);
    expect(refusal('{"environments": [{"alias": "a", "configFile": "/etc/x.json"}]}')).to.include('"configFile"');
  });

  it('reads a good file; no file is no environments; a link or a huge file is refused', async () => {
    expect(await readEnvironments(root)).to.deep.equal({ list: [] });
    const file = join(root, '.sfdatakit', 'environments.json');
    writeFileSync(file, JSON.stringify({ environments: [{ alias: 'dev', order: 1, configFile: 'config/dev.json' }] }));
    const read = await readEnvironments(root);
    expect(read.list[0]).to.include({ alias: 'dev' });
    expect(configFileOf(root, read.list[0])).to.equal(join(root, 'config', 'dev.json'));
    expect(configFileOf(root, undefined)).to.equal(undefined);

    rmSync(file);
    writeFileSync(join(root, 'elsewhere.json'), '{"environments": []}');
    symlinkSync(join(root, 'elsewhere.json'), file);
    const linked = await readEnvironments(root).catch((e: SfError) => e);
    expect((linked as SfError).message).to.include('not a regular file');

    rmSync(file);
    writeFileSync(file, ' '.repeat(300 * 1024));
    const huge = await readEnvironments(root).catch((e: SfError) => e);
    expect((huge as SfError).message).to.include('larger than 256 KB');
  });

  it('the stages a promotion skips: only going up the order, and only those between', () => {
    const env = (alias: string, order?: number): Environment => ({ alias, ...(order ? { order } : {}) });
    const envs = { list: [env('dev', 1), env('qa', 2), env('uat', 3), env('prod', 4), env('sandbox')] };
    expect(skippedStages(envs, envs.list[0], envs.list[3]).map((e) => e.alias)).to.deep.equal(['qa', 'uat']);
    expect(skippedStages(envs, envs.list[3], envs.list[0])).to.deep.equal([]);
    expect(skippedStages(envs, envs.list[0], envs.list[4])).to.deep.equal([]);
    expect(skippedStages(envs, undefined, envs.list[3])).to.deep.equal([]);
  });
});
