import { expect } from 'chai';
import { unzip, zip } from '../src/zip.js';
import { call, useEmulator } from '../src/testing.js';

const soap = (op: string, inner: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata">' +
  `<soapenv:Header><SessionHeader><sessionId>00DEM0000000001!x</sessionId></SessionHeader></soapenv:Header><soapenv:Body><${op}>${inner}</${op}></soapenv:Body></soapenv:Envelope>`;
const SOAP_PATH = '/services/Soap/m/66.0';
const tag = (xml: string, name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';

describe('emulator: Metadata API retrieve and deploy of kit metadata, data spaces', () => {
  const emulator = useEmulator();

  it('zips what it writes and reads it back', () => {
    const entries = new Map([
      ['a/b.txt', Buffer.from('hello')],
      ['c.xml', Buffer.from('<x/>')],
    ]);
    expect([...unzip(zip(entries))].map(([k, v]) => [k, v.toString()])).to.deep.equal([
      ['a/b.txt', 'hello'],
      ['c.xml', '<x/>'],
    ]);
  });

  it("retrieves a kit's members as a zip, and names members it does not have", async () => {
    const request =
      '<retrieveRequest><apiVersion>66.0</apiVersion><unpackaged><types><members>Retail_Core</members><members>Nope_Kit</members><name>DataPackageKitDefinition</name></types><types><members>*</members><name>CustomObject</name></types><version>66.0</version></unpackaged></retrieveRequest>';
    const started = await call(emulator.current, 'POST', SOAP_PATH, soap('retrieve', request), {
      'content-type': 'text/xml',
    });
    const id = tag(String(started.body), 'id');
    expect(id).to.match(/^09S/);
    const status = await call(
      emulator.current,
      'POST',
      SOAP_PATH,
      soap('checkRetrieveStatus', `<asyncProcessId>${id}</asyncProcessId><includeZip>true</includeZip>`),
      { 'content-type': 'text/xml' }
    );
    const xml = String(status.body);
    expect(tag(xml, 'status')).to.equal('Succeeded');
    expect(xml).to.include("Entity of type 'DataPackageKitDefinition' named 'Nope_Kit' cannot be found");
    const files = unzip(Buffer.from(tag(xml, 'zipFile'), 'base64'));
    expect([...files.keys()].sort()).to.deep.equal([
      'unpackaged/dataPackageKitDefinitions/Retail_Core.dataPackageKitDefinition',
      'unpackaged/objects/Customer__dlm.object',
      'unpackaged/objects/Sales_Order__dlm.object',
      'unpackaged/objects/Web_Engagement__dlm.object',
      'unpackaged/package.xml',
    ]);
    expect(files.get('unpackaged/objects/Customer__dlm.object')?.toString()).to.include(
      '<fullName>KQ_Id__c</fullName>'
    );
  });

  it('rejects an orphaned DataPackageKitObject and a KQ_ field before its kit is unwrapped', async () => {
    const pkg =
      '<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Ghost_Kit_1</members><name>DataPackageKitObject</name></types><types><members>Customer__dlm.KQ_Id__c</members><name>CustomField</name></types><version>66.0</version></Package>';
    const row =
      '<DataPackageKitObject><parentDataPackageKitDefinitionName>Ghost_Kit</parentDataPackageKitDefinitionName><referenceObjectName>X__dll</referenceObjectName><referenceObjectType>MktDataLakeObject</referenceObjectType></DataPackageKitObject>';
    const archive = zip(
      new Map([
        ['package.xml', Buffer.from(pkg)],
        ['DataPackageKitObjects/Ghost_Kit_1.DataPackageKitObject', Buffer.from(row)],
        [
          'objects/Customer__dlm.object',
          Buffer.from('<CustomObject><fields><fullName>KQ_Id__c</fullName></fields></CustomObject>'),
        ],
      ])
    );
    const started = await call(
      emulator.current,
      'POST',
      SOAP_PATH,
      soap(
        'deploy',
        `<ZipFile>${archive.toString('base64')}</ZipFile><DeployOptions><checkOnly>false</checkOnly></DeployOptions>`
      )
    );
    const status = await call(
      emulator.current,
      'POST',
      SOAP_PATH,
      soap('checkDeployStatus', `<asyncProcessId>${tag(String(started.body), 'id')}</asyncProcessId>`)
    );
    const xml = String(status.body);
    expect(tag(xml, 'status')).to.equal('Failed');
    expect(xml).to.include('no DataPackageKitDefinition named Ghost_Kit found');
    expect(xml).to.include(
      "Key qualifier field KQ_Id__c can't be deployed: Customer__dlm has no active data kit deployment"
    );
    expect(emulator.current.state.metadata.size).to.equal(0);
  });

  it('refuses every Metadata API call of a user without Modify Metadata, as a real org does (500, SOAP fault)', async () => {
    await call(emulator.current, 'POST', '/__emulator/faults', { noMetadataApi: true });
    const request =
      '<retrieveRequest><apiVersion>66.0</apiVersion><unpackaged><version>66.0</version></unpackaged></retrieveRequest>';
    const refused = await call(emulator.current, 'POST', SOAP_PATH, soap('retrieve', request), {
      'content-type': 'text/xml',
    });
    expect(refused.status).to.equal(500);
    expect(tag(String(refused.body), 'faultcode')).to.equal('sf:INSUFFICIENT_ACCESS');
    expect(String(refused.body)).to.include('requires a user with the ModifyAllData or ModifyMetadata permissions');
  });

  it('answers data spaces by name, 404 for one it does not have', async () => {
    expect((await call(emulator.current, 'GET', '/services/data/v66.0/ssot/data-spaces/EMEA')).status).to.equal(200);
    const missing = await call(emulator.current, 'GET', '/services/data/v66.0/ssot/data-spaces/APAC');
    expect(missing.status).to.equal(404);
    expect(JSON.stringify(missing.body)).to.include('NOT_FOUND');
    const all = (await call(emulator.current, 'GET', '/services/data/v66.0/ssot/data-spaces')).body as {
      dataSpaces: Array<{ name: string }>;
    };
    expect(all.dataSpaces.map((d) => d.name)).to.deep.equal(['default', 'EMEA']);
  });
});
