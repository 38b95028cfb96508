/*
 * .sfdatakit/kq-restore.json is untrusted input (it arrives with a pull request): only KQ_ CustomFields of data
 * model or data lake objects, inside package folders, as CustomField XML. Anything else refuses the whole file.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { materialize, parseRestoreFile, type RestoreEntry } from '../../src/source/restoreFile.js';

const field = (name = 'KQ_Id__c'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>${name}</fullName>\n    <label>KQ</label>\n</CustomField>\n`;
const good: RestoreEntry = {
  path: 'main/default/objects/Customer__dlm/fields/KQ_Id__c.field-meta.xml',
  member: 'Customer__dlm.KQ_Id__c',
  content: field(),
};
const file = (fields: unknown[]): string =>
  JSON.stringify({ createdAt: '2026-11-25T00:00:00Z', sourceDir: '/somewhere/force-app', fields });
const refusal = (fields: unknown[] | string): SfError => {
  try {
    parseRestoreFile(typeof fields === 'string' ? fields : file(fields), 'kq-restore.json');
  } catch (e) {
    return e as SfError;
  }
  throw new Error('the file was accepted');
};

describe('the key-qualifier restore file', () => {
  it('accepts what clean writes', () => {
    expect(
      parseRestoreFile(
        file([
          good,
          {
            ...good,
            member: 'Orders__dll.KQ_Key__c',
            path: 'force-app/main/default/objects/Orders__dll/fields/KQ_Key__c.field-meta.xml',
            content: field('KQ_Key__c'),
          },
        ]),
        'x'
      ).fields
    ).to.have.length(2);
  });

  const hostile: Array<[string, unknown[] | string, RegExp]> = [
    [
      'a path that climbs out of the package folder',
      [{ ...good, path: '../../somewhere/evil.sh' }],
      /leaves the package folder/,
    ],
    ['an absolute path', [{ ...good, path: '/etc/cron.d/evil' }], /leaves the package folder/],
    [
      'an Apex class',
      [{ path: 'main/default/classes/Evil.cls', member: 'Evil', content: 'public class Evil {}' }],
      /not a KQ_ field/,
    ],
    [
      'a field that is not a key qualifier',
      [
        {
          ...good,
          member: 'Customer__dlm.Revenue__c',
          path: 'main/default/objects/Customer__dlm/fields/Revenue__c.field-meta.xml',
        },
      ],
      /not a KQ_ field/,
    ],
    [
      'a KQ_ field of a standard object',
      [{ ...good, member: 'Account.KQ_Id__c', path: 'main/default/objects/Account/fields/KQ_Id__c.field-meta.xml' }],
      /not a KQ_ field/,
    ],
    [
      'a path that is not the field file of its member',
      [{ ...good, path: 'main/default/objects/Customer__dlm/fields/Other.field-meta.xml' }],
      /not the field file/,
    ],
    [
      'content that is not a CustomField',
      [{ ...good, content: '<?xml version="1.0"?><ApexClass/>' }],
      /not the XML of one CustomField/,
    ],
    [
      'an XML entity',
      [{ ...good, content: `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${field()}` }],
      /not the XML of one CustomField/,
    ],
    ['content for another field', [{ ...good, content: field('KQ_Other__c') }], /holds the field KQ_Other__c/],
    ['the same field twice', [good, good], /listed twice/],
    ['no fields list', '{"createdAt":"x"}', /no "fields" list/],
    ['text that is not JSON', '{"fields": [', /not valid JSON/],
  ];
  for (const [what, fields, message] of hostile) {
    it(`refuses the whole file for ${what}`, () => {
      const err = refusal(fields);
      expect(err.name).to.equal('RestoreFileRefused');
      expect(err.message).to.match(message).and.include('Nothing was deployed from it');
      expect(err.actions?.join(' ')).to.include('Review kq-restore.json like code');
    });
  }

  it('writes the fields where their member names say, inside the folder it is given, whatever the recorded path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kq-'));
    try {
      await materialize(
        {
          createdAt: '',
          sourceDir: '',
          fields: [{ ...good, path: 'anything/objects/Customer__dlm/fields/KQ_Id__c.field-meta.xml' }],
        },
        dir
      );
      expect(readdirSync(join(dir, 'main', 'default', 'objects', 'Customer__dlm', 'fields'))).to.deep.equal([
        'KQ_Id__c.field-meta.xml',
      ]);
      expect(readdirSync(dir)).to.deep.equal(['main']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
