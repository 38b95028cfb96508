import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { diffComponentContent, shortPair } from '../../src/content/diff.js';
import { kitContentOfDir } from '../../src/content/kitContent.js';
import { canonical, hashOf, normalize } from '../../src/content/normalize.js';
import { unifiedDiff } from '../../src/content/unifiedDiff.js';
import { parseMetadataXml } from '../../src/content/xml.js';

const segmentXml = (value: string, extra = ''): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<DataKitObjectTemplate xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
  '    <developerName>High_Value_Segment</developerName>\n' +
  `    <entityPayload>{&quot;type&quot;:&quot;MarketSegment&quot;,&quot;criteria&quot;:{&quot;filters&quot;:[{&quot;field&quot;:&quot;spend&quot;,&quot;value&quot;:&quot;${value}&quot;}]}}</entityPayload>\n` +
  `    <masterLabel>High Value</masterLabel>${extra}\n</DataKitObjectTemplate>\n`;

describe('content: what is inside a component, normalized and compared', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'content-test-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  async function put(path: string, text: string): Promise<string> {
    const file = join(dir, path);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, text);
    return file;
  }

  it('decodes JSON held in an element, sorts keys, and drops what differs between orgs', () => {
    const { root, value } = parseMetadataXml(segmentXml('1000', '<isDeployed>true</isDeployed><id>0XxAA</id>'));
    expect(root).to.equal('DataKitObjectTemplate');
    const normalized = normalize(value) as Record<string, unknown>;
    expect(Object.keys(normalized)).to.deep.equal(['developerName', 'entityPayload', 'masterLabel']);
    expect(normalized.entityPayload).to.deep.equal({
      criteria: { filters: [{ field: 'spend', value: '1000' }] },
      type: 'MarketSegment',
    });
    // same content, keys in another order: same text and hash
    expect(canonical(normalize({ b: 1, a: { d: 2, c: 3 } }))).to.equal('{"a":{"c":3,"d":2},"b":1}');
    expect(hashOf(normalize({ b: 1, a: 2 }))).to.equal(hashOf(normalize({ a: 2, b: 1 })));
  });

  it('leaves key-qualifier fields out of a model object, whichever way the file lists them', () => {
    const one = normalize({ fields: { fullName: 'KQ_Id__c' }, label: 'Customer' });
    const many = normalize({ fields: [{ fullName: 'Id__c' }, { fullName: 'KQ_Id__c' }], label: 'Customer' });
    expect(one).to.deep.equal({ label: 'Customer' });
    expect(many).to.deep.equal({ fields: [{ fullName: 'Id__c' }], label: 'Customer' });
  });

  it('refuses a DOCTYPE (entity expansion) and says why', () => {
    expect(() =>
      parseMetadataXml('<!DOCTYPE x [<!ENTITY a "aaaa">]><DataKitObjectTemplate>&a;</DataKitObjectTemplate>')
    ).to.throw(/DOCTYPE/);
  });

  it('reads a folder into components by owner, skipping symbolic links and reporting unreadable files', async () => {
    await put(
      'main/default/dataKitObjectTemplates/High_Value_Segment.dataKitObjectTemplate-meta.xml',
      segmentXml('1000')
    );
    await put(
      'main/default/dataStreamTemplates/Orders_S3.dataStreamTemplate-meta.xml',
      '<DataStreamTemplate><dataSourceBundleDefinition>S3_Orders_Bundle</dataSourceBundleDefinition><dataSourceObject>Orders_S3</dataSourceObject><refreshMode>UPSERT</refreshMode></DataStreamTemplate>'
    );
    await put(
      'main/default/dataSourceObjects/Orders_S3.dataSourceObject-meta.xml',
      '<DataSourceObject><masterLabel>Orders S3</masterLabel></DataSourceObject>'
    );
    await put(
      'main/default/dataSrcDataModelFieldMaps/Kit_Customer_Email_map.dataSrcDataModelFieldMap-meta.xml',
      '<DataSrcDataModelFieldMap><sourceField>Contact_Home__dll.email__c</sourceField><targetField>Customer__dlm.Email__c</targetField></DataSrcDataModelFieldMap>'
    );
    await put(
      'main/default/dataKitObjectTemplates/Broken.dataKitObjectTemplate-meta.xml',
      '<!DOCTYPE x><DataKitObjectTemplate/>'
    );
    const secret = await put(
      'outside/secret.txt',
      '<DataKitObjectTemplate><developerName>Leak</developerName></DataKitObjectTemplate>'
    );
    await mkdir(join(dir, 'main/default/dataKitObjectTemplates'), { recursive: true });
    await symlink(secret, join(dir, 'main/default/dataKitObjectTemplates/Leak.dataKitObjectTemplate-meta.xml'));

    const content = await kitContentOfDir(dir, [
      { type: 'MarketSegment', name: 'High_Value_Segment' },
      { type: 'DataStreamBundle', name: 'S3_Orders_Bundle' },
      { type: 'DataModelObject', name: 'Customer__dlm' },
      { type: 'MarketSegment', name: 'Leak' },
    ]);
    expect([...content.components.keys()].sort()).to.deep.equal([
      'DataModelObject:Customer__dlm',
      'DataStreamBundle:S3_Orders_Bundle',
      'MarketSegment:High_Value_Segment',
    ]);
    expect(Object.keys(content.components.get('DataStreamBundle:S3_Orders_Bundle')!)).to.deep.equal([
      'DataSourceObject:Orders_S3',
      'DataStreamTemplate:Orders_S3',
    ]);
    expect(content.unreadable).to.have.length(1);
    expect(content.unreadable[0].file).to.match(/Broken/);
  });

  it('names each change by its path, without the component’s own member name', () => {
    const source = {
      'DataKitObjectTemplate:High_Value_Segment': normalize(parseMetadataXml(segmentXml('1000')).value),
    };
    const target = {
      'DataKitObjectTemplate:High_Value_Segment': normalize(parseMetadataXml(segmentXml('5000')).value),
    };
    expect(diffComponentContent('MarketSegment:High_Value_Segment', source, target)).to.deep.equal([
      { path: 'entityPayload.criteria.filters[0].value', source: '1000', target: '5000' },
    ]);
    const maps = diffComponentContent(
      'DataModelObject:Customer__dlm',
      { 'DataSrcDataModelFieldMap:Kit_Email_map': { targetField: 'Customer__dlm.Email__c' } },
      {}
    );
    expect(maps).to.deep.equal([{ path: 'Kit_Email_map', source: { targetField: 'Customer__dlm.Email__c' } }]);
  });

  it('shows two long texts around where they differ, so the two lines never read the same', () => {
    const base = 'SELECT SUM(Sales_Order__dlm.amount__c) AS total FROM Sales_Order__dlm ';
    const [a, b] = shortPair(
      `${base}WHERE status__c = 'PAID' GROUP BY customer_id__c`,
      `${base}GROUP BY customer_id__c`
    );
    expect(a)
      .to.include("WHERE status__c = 'PAID'")
      .and.match(/^\.\.\./);
    expect(b).to.include('GROUP BY');
    expect(b).to.not.include('WHERE');
    expect(shortPair('1000', '5000')).to.deep.equal(['1000', '5000']);
    expect(shortPair(undefined, { a: 1 })).to.deep.equal(['—', '{"a":1}']);
  });

  it('prints a unified diff with context, and nothing for equal texts', () => {
    const a = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3', '}'].join('\n');
    const b = ['{', '  "a": 1,', '  "b": 5,', '  "c": 3', '}'].join('\n');
    expect(unifiedDiff(a, b, 'dev/X', 'uat/X', 1)).to.equal(
      ['--- dev/X', '+++ uat/X', '@@ -2,3 +2,3 @@', '   "a": 1,', '-  "b": 2,', '+  "b": 5,', '   "c": 3'].join('\n')
    );
    expect(unifiedDiff(a, a, 'x', 'y')).to.equal('');
  });
});
