/*
 * Record ids in metadata files (field reports G2): what counts as one, where it is, how it is rewritten, and that
 * comparing two orgs never reads their own ids as a change.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { normalize } from '../../src/content/normalize.js';
import { idsInValue, isRecordId, recordIdsIn, rewriteIds } from '../../src/content/recordIds.js';
import { readRunStart, readTransformRun } from '../../src/api/read.js';

describe('record ids in templates', () => {
  it('tells ids from names, versions and times', () => {
    for (const id of ['005Hn00000ABCdeIAG', '9cgHn000000XYZ1', '00DUAT000000001AAA', '1sg000012345678AAA'])
      expect(isRecordId(id), id).to.equal(true);
    for (const word of [
      'Orders_Cleanup',
      'OrdersEnriched1',
      'CustomerLifetimeV',
      '123456789012345',
      'abcDEFghiJKLmno',
      '1745313217000',
      'v66.0',
    ])
      expect(isRecordId(word), word).to.equal(false);
  });

  it('finds each id with its path, inside JSON held in an element too', () => {
    const payload = JSON.stringify({
      connection: { id: '9cgHn000000XYZ1IAA', url: '/ssot/connections/9cgHn000000XYZ1IAA' },
    });
    expect(
      idsInValue({ entityPayload: payload, parameters: [{ value: '005Hn00000ABCdeIAG/1745313217000' }] })
    ).to.deep.equal([
      { id: '9cgHn000000XYZ1IAA', path: 'entityPayload.connection.id' },
      { id: '9cgHn000000XYZ1IAA', path: 'entityPayload.connection.url' },
      { id: '005Hn00000ABCdeIAG', path: 'parameters[0].value' },
    ]);
    expect(idsInValue({ developerName: 'Retail_Core_1762749290261', label: 'Orders 2024' })).to.deep.equal([]);
  });

  it('rewrites by the 15-character form, keeping the length the file used; unreadable files are skipped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'record-ids-'));
    try {
      const file = join(dir, 'T.dataStreamTemplate-meta.xml');
      await writeFile(
        file,
        '<DataStreamTemplate><value>005Hn00000ABCdeIAG/17</value><other>005Hn00000ABCde</other></DataStreamTemplate>'
      );
      await writeFile(join(dir, 'notes.txt'), 'not xml 005Hn00000ABCdeIAG');
      expect((await recordIdsIn(dir, [file, join(dir, 'notes.txt')])).map((f) => `${f.file}:${f.path}`)).to.deep.equal([
        'T.dataStreamTemplate-meta.xml:value',
        'T.dataStreamTemplate-meta.xml:other',
      ]);
      expect(await rewriteIds(file, new Map([['005Hn00000ABCde', '005UAT000000001AAA']]))).to.equal(2);
      expect(await readFile(file, 'utf8')).to.equal(
        '<DataStreamTemplate><value>005UAT000000001AAA/17</value><other>005UAT000000001</other></DataStreamTemplate>'
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('comparing: ids are masked, so the same template in two orgs is equal', () => {
    const from = normalize({ value: '005Hn00000ABCdeIAG/1745313217000', externalDataTranObject: 'X' });
    const to = normalize({ value: '005UAT000000001AAA/1745313217000' });
    expect(from).to.deep.equal(to);
  });

  it('runs: a 201 with errors [{}] started; a transform history gives rows of its newest counted run', () => {
    expect(readRunStart({ errors: [{}] })).to.deep.equal({ started: true });
    expect(readRunStart({ success: false, errors: [{ errorCode: 'INTERNAL_ERROR' }] })).to.include({ started: false });
    expect(
      readTransformRun({
        histories: [
          { status: 'SkippedNoChanges', definitionName: 'T_Full' },
          { status: 'Success', processedRows: 0 },
        ],
      })
    ).to.deep.equal({ status: 'SkippedNoChanges', rows: 0, definition: 'T_Full' });
    expect(readTransformRun({ histories: [] })).to.equal(undefined);
  });
});
