import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { lastReleaseIn, readReleases, writeRelease, type ReleaseRecord } from '../../src/releases/records.js';
import { writeInsideProject } from '../../src/shared/safeWrite.js';

const record = (over: Partial<ReleaseRecord> = {}): Omit<ReleaseRecord, 'schema' | 'id'> => ({
  kit: 'Retail_Core',
  command: 'promote',
  org: { id: '00DPRD000000001AAA', username: 'admin@prod' },
  startedAt: '2026-11-25T10:00:00.000Z',
  finishedAt: '2026-11-25T10:05:00.000Z',
  outcome: 'Succeeded',
  components: [{ component: 'MarketSegment:S', hash: 'abc' }],
  content: { 'MarketSegment:S': { 'DataKitObjectTemplate:S': { masterLabel: 'S' } } },
  jobIds: ['08P000000000001'],
  ...over,
});

describe('release records: written inside the project, read back as untrusted files', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'releases-test-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('writes one file per release and reads it back; the last one that reached an org is its baseline', async () => {
    const first = await writeRelease(record(), root);
    await writeRelease(
      record({ startedAt: '2026-11-26T10:00:00.000Z', finishedAt: '2026-11-26T10:01:00.000Z', outcome: 'Failed' }),
      root
    );
    expect(first).to.equal(
      join(root, '.sfdatakit', 'releases', 'Retail_Core', '20261125T100000000Z-promote-00DPRD000000001.json')
    );
    const { records, refused } = await readReleases('Retail_Core', root);
    expect(refused).to.deep.equal([]);
    expect(records.map((r) => r.outcome)).to.deep.equal(['Succeeded', 'Failed']);
    expect(lastReleaseIn(records, '00DPRD000000001')?.startedAt).to.equal('2026-11-25T10:00:00.000Z');
    expect(lastReleaseIn(records, '00DUAT000000001AAA')).to.equal(undefined);
  });

  it('refuses records that are links, malformed, or about another kit, and says why', async () => {
    const dir = join(root, '.sfdatakit', 'releases', 'Retail_Core');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'a-broken.json'), '{ not json');
    await writeFile(join(dir, 'b-other.json'), JSON.stringify({ ...record({ kit: 'Other_Kit' }), schema: 1, id: 'x' }));
    await writeFile(join(dir, 'c-shape.json'), JSON.stringify({ ...record(), schema: 1, id: 'x', content: [] }));
    await writeFile(join(root, 'outside.json'), JSON.stringify({ ...record(), schema: 1, id: 'x' }));
    await symlink(join(root, 'outside.json'), join(dir, 'd-link.json'));
    const { records, refused } = await readReleases('Retail_Core', root);
    expect(records).to.deep.equal([]);
    expect(refused.map((r) => r.reason)).to.have.length(4);
    expect(refused[1].reason).to.include('names kit Other_Kit');
    expect(refused[2].reason).to.include('content');
    expect(refused[3].reason).to.equal('not a regular file');
    // a kit name that is a path is never read
    expect((await readReleases('../../etc', root)).records).to.deep.equal([]);
  });

  it('refuses each field that does not hold up: a snapshot path elsewhere, org, job ids, argv, texts', async () => {
    const dir = join(root, '.sfdatakit', 'releases', 'Retail_Core');
    await mkdir(dir, { recursive: true });
    const bad: Array<[string, Record<string, unknown>, string]> = [
      ['snapshot', { snapshot: '../../../etc/passwd' }, 'snapshot'],
      ['org', { org: { id: 1 } }, 'org'],
      ['jobs', { jobIds: [1] }, 'job'],
      ['argv', { argv: 'deploy' }, 'argv'],
      ['reason', { reason: 42 }, ''],
      ['components', { components: [{ component: 'X', hash: 3 }] }, 'component'],
      ['schema', { schema: 2 }, ''],
    ];
    for (const [name, over] of bad)
      await writeFile(join(dir, `${name}.json`), JSON.stringify({ ...record(), schema: 1, id: name, ...over }));
    const { records, refused } = await readReleases('Retail_Core', root);
    expect(records).to.deep.equal([]);
    expect(refused).to.have.length(bad.length);
    for (const [name, , words] of bad)
      expect(refused.find((r) => r.file.endsWith(`${name}.json`))?.reason, name).to.include(words);
    await writeFile(join(dir, 'huge.json'), ' '.repeat(21 * 1024 * 1024));
    expect(
      (await readReleases('Retail_Core', root)).refused.find((r) => r.file.endsWith('huge.json'))?.reason
    ).to.include('large');
  });

  it('a kit name that is not a developer name never becomes a folder', async () => {
    const refused = await writeRelease(record({ kit: '../evil' }), root).catch((e: Error) => e);
    expect((refused as Error).message).to.include('../evil');
    expect(await readdir(root)).to.deep.equal([]);
  });

  it('never writes through a link planted in .sfdatakit, and replaces a link at the file name', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'elsewhere-'));
    try {
      await symlink(elsewhere, join(root, '.sfdatakit'));
      let error: Error | undefined;
      try {
        await writeRelease(record(), root);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).to.include('is a symbolic link');
      expect(await readdir(elsewhere)).to.deep.equal([]);

      await rm(join(root, '.sfdatakit'));
      await mkdir(join(root, '.sfdatakit'));
      const victim = join(elsewhere, 'victim.txt');
      await writeFile(victim, 'keep me');
      await symlink(victim, join(root, '.sfdatakit', 'kq-restore.json'));
      await writeInsideProject(root, join('.sfdatakit', 'kq-restore.json'), '{}');
      expect(await readFile(victim, 'utf8')).to.equal('keep me');
      expect(await readFile(join(root, '.sfdatakit', 'kq-restore.json'), 'utf8')).to.equal('{}');
      let outside: Error | undefined;
      await writeInsideProject(root, '../escape.json', '{}').catch((e: Error) => (outside = e));
      expect(outside?.message).to.include('is not a path inside the project');
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
