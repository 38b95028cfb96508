import { expect } from 'chai';
import { call, useEmulator } from '../src/testing.js';
import { unzip, zip } from '../src/zip.js';

const soap = (op: string, inner: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata">' +
  `<soapenv:Header><SessionHeader><sessionId>00DEM0000000001!x</sessionId></SessionHeader></soapenv:Header><soapenv:Body><${op}>${inner}</${op}></soapenv:Body></soapenv:Envelope>`;
const SOAP_PATH = '/services/Soap/m/66.0';
const V = '/services/data/v66.0';
const tag = (xml: string, name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
const unescape = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('emulator: template content, edits, and connections', () => {
  const emulator = useEmulator();
  const content = async (type: string, fullName: string): Promise<{ status: number; xml: string }> => {
    const r = await call(emulator.current, 'GET', `/__emulator/content?type=${type}&fullName=${fullName}`);
    return { status: r.status, xml: (r.body as { content?: string }).content ?? '' };
  };
  const edit = (body: Record<string, unknown>) => call(emulator.current, 'POST', '/__emulator/content', body);

  async function retrieve(type: string, member: string): Promise<Map<string, string>> {
    const request = `<retrieveRequest><apiVersion>66.0</apiVersion><unpackaged><types><members>${member}</members><name>${type}</name></types><version>66.0</version></unpackaged></retrieveRequest>`;
    const started = await call(emulator.current, 'POST', SOAP_PATH, soap('retrieve', request));
    const status = await call(
      emulator.current,
      'POST',
      SOAP_PATH,
      soap('checkRetrieveStatus', `<asyncProcessId>${tag(String(started.body), 'id')}</asyncProcessId>`)
    );
    const files = unzip(Buffer.from(tag(String(status.body), 'zipFile'), 'base64'));
    return new Map([...files].map(([k, v]) => [k, v.toString('utf8')]));
  }

  async function deploy(files: Record<string, string>, pkg: string, checkOnly: boolean): Promise<string> {
    const archive = zip(new Map(Object.entries({ 'package.xml': pkg, ...files }).map(([k, v]) => [k, Buffer.from(v)])));
    const started = await call(
      emulator.current,
      'POST',
      SOAP_PATH,
      soap(
        'deploy',
        `<ZipFile>${archive.toString('base64')}</ZipFile><DeployOptions><checkOnly>${checkOnly}</checkOnly></DeployOptions>`
      )
    );
    const status = await call(
      emulator.current,
      'POST',
      SOAP_PATH,
      soap('checkDeployStatus', `<asyncProcessId>${tag(String(started.body), 'id')}</asyncProcessId>`)
    );
    return String(status.body);
  }

  it('holds realistic content: a segment with filters, an insight with SQL, field mappings per model object', async () => {
    const segment = await content('DataKitObjectTemplate', 'High_Value_Segment');
    const payload = JSON.parse(unescape(tag(segment.xml, 'entityPayload'))) as {
      criteria: { filters: Array<{ value: string }> };
    };
    expect(payload.criteria.filters).to.have.length(3);
    expect(payload.criteria.filters[0].value).to.equal('1000');
    expect(tag((await content('DataCalcInsightTemplate', 'Customer_Lifetime_Value')).xml, 'expression')).to.match(
      /^SELECT SUM\(/
    );
    const map = await content('DataSrcDataModelFieldMap', 'Retail_Core_Customer_Email_map');
    expect(tag(map.xml, 'targetField')).to.equal('Customer__dlm.Email__c');
    expect((await content('DataKitObjectTemplate', 'Nope')).status).to.equal(404);
  });

  it('edits a value inside a JSON element, and a retrieve returns the edit', async () => {
    const r = await edit({
      type: 'DataKitObjectTemplate',
      fullName: 'High_Value_Segment',
      field: 'entityPayload',
      path: 'criteria.filters[0].value',
      value: '5000',
    });
    expect(r.status).to.equal(200);
    const files = await retrieve('DataKitObjectTemplate', 'High_Value_Segment');
    const xml = files.get('unpackaged/dataKitObjectTemplates/High_Value_Segment.dataKitObjectTemplate') ?? '';
    expect(JSON.parse(unescape(tag(xml, 'entityPayload'))).criteria.filters[0].value).to.equal('5000');
  });

  it('refuses edits it cannot make, with the reason', async () => {
    const kitLevel = await edit({ type: 'DataPackageKitDefinition', fullName: 'Retail_Core', field: 'masterLabel' });
    expect(kitLevel.status).to.equal(400);
    expect(JSON.stringify(kitLevel.body)).to.include('describes the kit');
    const unknown = await edit({ type: 'DataKitObjectTemplate', fullName: 'Nope', field: 'x', value: 1 });
    expect(JSON.stringify(unknown.body)).to.include('no kit in this org carries DataKitObjectTemplate Nope');
    const noField = await edit({ type: 'DataCalcInsightTemplate', fullName: 'Customer_Lifetime_Value', field: 'nope' });
    expect(JSON.stringify(noField.body)).to.include('has no <nope>');
  });

  it('a deploy replaces the template; a check-only deploy leaves it alone', async () => {
    const pkg =
      '<Package><types><members>Customer_Lifetime_Value</members><name>DataCalcInsightTemplate</name></types><version>66.0</version></Package>';
    const file = {
      'dataCalcInsightTemplates/Customer_Lifetime_Value.dataCalcInsightTemplate':
        '<DataCalcInsightTemplate><expression>SELECT 1</expression><masterLabel>CLV</masterLabel></DataCalcInsightTemplate>',
    };
    expect(tag(await deploy(file, pkg, true), 'status')).to.equal('Succeeded');
    expect(tag((await content('DataCalcInsightTemplate', 'Customer_Lifetime_Value')).xml, 'expression')).to.match(
      /^SELECT SUM/
    );
    expect(tag(await deploy(file, pkg, false), 'status')).to.equal('Succeeded');
    expect(tag((await content('DataCalcInsightTemplate', 'Customer_Lifetime_Value')).xml, 'expression')).to.equal(
      'SELECT 1'
    );
  });

  it('fails a field mapping whose target field the model object lacks, check-only or not', async () => {
    const pkg =
      '<Package><types><members>Retail_Core_Customer_Tier_map</members><name>DataSrcDataModelFieldMap</name></types><version>66.0</version></Package>';
    const bad = {
      'dataSrcDataModelFieldMaps/Retail_Core_Customer_Tier_map.dataSrcDataModelFieldMap':
        '<DataSrcDataModelFieldMap><sourceField>Contact_Home__dll.tier</sourceField><targetField>Customer__dlm.Loyalty_Tier__c</targetField></DataSrcDataModelFieldMap>',
    };
    const xml = await deploy(bad, pkg, true);
    expect(tag(xml, 'status')).to.equal('Failed');
    expect(xml).to.include('Expected target (Customer__dlm) to have field (Loyalty_Tier__c)');
    const good = {
      'dataSrcDataModelFieldMaps/Retail_Core_Customer_Tier_map.dataSrcDataModelFieldMap':
        '<DataSrcDataModelFieldMap><targetField>Customer__dlm.Name__c</targetField></DataSrcDataModelFieldMap>',
    };
    expect(tag(await deploy(good, pkg, true), 'status')).to.equal('Succeeded');
  });

  it('lists connections by connector type, in the connections API vocabulary', async () => {
    const missing = await call(emulator.current, 'GET', `${V}/ssot/connections`);
    expect(missing.status).to.equal(400);
    const crm = (await call(emulator.current, 'GET', `${V}/ssot/connections?connectorType=SalesforceDotCom`)).body as {
      connections: Array<Record<string, unknown>>;
    };
    expect(crm.connections).to.have.length(1);
    expect(crm.connections[0]).to.include({ name: 'Salesforce_CRM', connectionStatus: 'Active' });
    expect(crm.connections[0].organizationId).to.equal(emulator.current.state.identity.orgId);
    emulator.current.state.connections.push({
      name: 'Second_Ingest',
      connectorType: 'IngestApi',
      status: 'NeedsReAuth',
    });
    const ingest = (
      await call(emulator.current, 'GET', `${V}/ssot/connections?connectorType=IngestApi&devName=Second_Ingest`)
    ).body as { connections: Array<Record<string, unknown>>; totalSize: number };
    expect(ingest.totalSize).to.equal(1);
    expect(ingest.connections[0]).to.include({ name: 'Second_Ingest', status: 'NeedsReAuth' });
  });
});
