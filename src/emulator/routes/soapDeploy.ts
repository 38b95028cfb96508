/*
 * Metadata API over SOAP: just enough `deploy` / `checkDeployStatus` / `cancelDeploy` for
 * `sf project deploy start` (offline-e2e-with-real-sf.md, step 4). A successful, non-check-only deploy that
 * carries a DataPackageKitDefinition puts the kit into the org as metadata: present, but not unwrapped.
 */
import { inflateRawSync } from 'node:zlib';
import { normalizeType } from '../../api/componentTypes.js';
import { sendXml, type Route, type RouteContext } from '../http.js';
import type { EmulatorState } from '../state.js';
import type { Kit } from '../types.js';

type Member = { type: string; name: string; fileName: string };
type MetadataDeploy = { id: string; members: Member[]; files: Map<string, Buffer>; checkOnly: boolean; createdDate: string; applied: boolean };

const deploysByState = new WeakMap<EmulatorState, Map<string, MetadataDeploy>>();
function deploysOf(state: EmulatorState): Map<string, MetadataDeploy> {
  let map = deploysByState.get(state);
  if (!map) deploysByState.set(state, (map = new Map()));
  return map;
}

/** Entries of a zip, read through its central directory (stored or deflated). */
export function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return out;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    if (!name.endsWith('/')) out.set(name, method === 8 ? inflateRawSync(data) : data);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

function membersOf(files: Map<string, Buffer>): Member[] {
  const pkg = [...files].find(([f]) => /(^|\/)package\.xml$/.test(f))?.[1].toString('utf8') ?? '';
  const members: Member[] = [];
  for (const t of pkg.matchAll(/<types>([\s\S]*?)<\/types>/g)) {
    const type = tag(t[1], 'name') ?? '';
    for (const m of t[1].matchAll(/<members>([^<]*)<\/members>/g)) {
      const names = [...files.keys()].filter((f) => f.split('/').pop()?.startsWith(`${m[1]}.`));
      members.push({ type, name: m[1], fileName: names.find((f) => !f.endsWith('-meta.xml')) ?? names[0] ?? `${type}/${m[1]}` });
    }
  }
  return members;
}

/** The kit a deploy brings: its definition file plus the DataPackageKitObject rows that point at it. */
function applyKits(state: EmulatorState, d: MetadataDeploy): void {
  for (const member of d.members.filter((m) => m.type === 'DataPackageKitDefinition')) {
    const xml = d.files.get(member.fileName)?.toString('utf8') ?? '';
    const components: Kit['components'] = [];
    for (const [file, content] of d.files) {
      if (!/DataPackageKitObject$/i.test(file)) continue;
      const row = content.toString('utf8');
      if (tag(row, 'parentDataPackageKitDefinitionName') !== member.name) continue;
      const type = normalizeType(tag(row, 'referenceObjectType') ?? '') ?? 'DataLakeObject';
      const name = tag(row, 'referenceObjectName') ?? '';
      let entry = state.catalogEntry(type, name);
      if (!entry) {
        // the deploy brought a template the org did not have
        entry = { type, name, label: tag(row, 'masterLabel') ?? name };
        state.catalog.push(entry);
      }
      components.push({
        type,
        info: { name, label: entry.label, ...(entry.connectorType ? { connectorType: entry.connectorType, streams: entry.streams } : {}) },
      });
    }
    const previous = state.kits.get(member.name);
    state.kits.set(member.name, {
      devName: member.name,
      label: tag(xml, 'masterLabel') ?? member.name,
      dataKitType: tag(xml, 'dataKitType') === 'Sandbox' ? 'Sandbox' : 'None',
      dataSpaceName: tag(xml, 'dataSpaceDefinitionDevName') ?? 'default',
      components: components.length > 0 ? components : previous?.components ?? [],
      authoredHere: false,
      source: 'metadata',
      createdAt: state.now(),
      manifestStamp: Date.now(),
    });
  }
}

function deployResult(state: EmulatorState, d: MetadataDeploy): Record<string, unknown> {
  const now = new Date().toISOString();
  const bad = d.members.filter((m) => m.name.startsWith('Fail'));
  const ok = d.members.filter((m) => !m.name.startsWith('Fail'));
  const success = bad.length === 0;
  if (success && !d.checkOnly && !d.applied) {
    applyKits(state, d);
    d.applied = true;
  }
  const base = (m: Member): Record<string, unknown> => ({
    changed: false, componentType: m.type, created: success, createdDate: now, deleted: false, fileName: m.fileName, fullName: m.name,
  });
  return {
    checkOnly: d.checkOnly,
    completedDate: now,
    createdBy: state.identity.userId,
    createdByName: 'Emulator Admin',
    createdDate: d.createdDate,
    details: {
      componentSuccesses: success ? ok.map((m) => ({ ...base(m), id: state.newId('0Xx'), success: true })) : [],
      componentFailures: bad.map((m) => ({ ...base(m), problem: 'emulator: forced failure because the name starts with Fail', problemType: 'Error', success: false })),
      runTestResult: { numFailures: 0, numTestsRun: 0, totalTime: 0 },
    },
    done: true,
    id: d.id,
    ignoreWarnings: false,
    lastModifiedDate: now,
    numberComponentErrors: bad.length,
    numberComponentsDeployed: success ? ok.length : 0,
    numberComponentsTotal: d.members.length,
    numberTestErrors: 0,
    numberTestsCompleted: 0,
    numberTestsTotal: 0,
    rollbackOnError: true,
    runTestsEnabled: false,
    startDate: d.createdDate,
    status: success ? 'Succeeded' : 'Failed',
    success,
  };
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toXml(obj: Record<string, unknown>): string {
  return Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      (Array.isArray(v) ? v : [v])
        .map((item: unknown) =>
          item !== null && typeof item === 'object'
            ? `<${k}>${toXml(item as Record<string, unknown>)}</${k}>`
            : item === null
              ? `<${k} xsi:nil="true"/>`
              : `<${k}>${escapeXml(String(item))}</${k}>`
        )
        .join('')
    )
    .join('');
}

const envelope = (op: string, result: Record<string, unknown>): string =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  `<soapenv:Body><${op}Response>${toXml({ result })}</${op}Response></soapenv:Body></soapenv:Envelope>`;

const fault = (code: string, message: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  `<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${escapeXml(message)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;

function soap(ctx: RouteContext): void {
  const body = ctx.rawBody.toString('utf8');
  if (!/<sessionId>[^<]+<\/sessionId>/.test(body)) return sendXml(ctx.res, 500, fault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader'));
  const op = /<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/.exec(body)?.[1] ?? 'UNKNOWN';
  const deploys = deploysOf(ctx.state);
  if (op === 'deploy') {
    const files = unzip(Buffer.from(tag(body, 'ZipFile') ?? '', 'base64'));
    const options = /<DeployOptions>([\s\S]*?)<\/DeployOptions>/.exec(body)?.[1] ?? '';
    const id = ctx.state.newId('0Af');
    deploys.set(id, { id, files, members: membersOf(files), checkOnly: /<checkOnly>true/.test(options), createdDate: new Date().toISOString(), applied: false });
    return sendXml(ctx.res, 200, envelope('deploy', { done: false, id, state: 'Queued' }));
  }
  if (op === 'checkDeployStatus') {
    const id = tag(body, 'asyncProcessId') ?? '';
    const d = deploys.get(id);
    if (!d) return sendXml(ctx.res, 500, fault('INVALID_ID_FIELD', `unknown deploy id ${id}`));
    return sendXml(ctx.res, 200, envelope('checkDeployStatus', deployResult(ctx.state, d)));
  }
  if (op === 'cancelDeploy') {
    return sendXml(ctx.res, 200, envelope('cancelDeploy', { done: true, id: tag(body, 'String') ?? tag(body, 'id') ?? '' }));
  }
  sendXml(ctx.res, 500, fault('UNKNOWN_OPERATION', `the emulator does not implement ${op}`));
}

export const soapRoutes: Route[] = [{ method: 'POST', pattern: /^\/services\/Soap\/m\/[\d.]+\/?$/, handler: soap }];
