/*
 * Reading the org's answers (wire.ts) into what the plugin uses (types.ts). Nothing here throws on a missing,
 * null or oddly typed field: what cannot be read is left out or given its neutral value, and the callers decide
 * what that means. This is the one place that knows how loose the answers can be.
 */
import type {
  ComponentStatusReading,
  DataConnection,
  DataKitComponentInput,
  DataKitDetails,
  Dependency,
  JobRecord,
  KitStream,
  ListedComponent,
  LogRow,
  ManifestMembers,
} from './types.js';
import type {
  WireAsync,
  WireBackgroundOperation,
  WireComponentCollection,
  WireComponentInput,
  WireConnection,
  WireConnectionCollection,
  WireDependencies,
  WireDeploymentLog,
  WireDeploymentStatus,
  WireFlowResult,
  WireKitComponent,
  WireKitDetails,
  WireKitList,
  WireMembersList,
  WireQueryResult,
  WireStream,
} from './wire.js';

/** A non-empty string, or undefined. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const list = <T>(v: unknown): Array<Partial<T>> =>
  Array.isArray(v) ? v.filter((x): x is Partial<T> => x !== null && typeof x === 'object') : [];
const record = <T>(v: unknown): Partial<T> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<T>) : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];

function streams(v: unknown): KitStream[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return list<WireStream>(v).flatMap((s) => {
    const devName = text(s.streamDevName) ?? text(s.devName);
    return devName ? [{ devName, ...(text(s.label) ? { label: text(s.label) } : {}) }] : [];
  });
}

function listedComponent(c: Partial<WireKitComponent>): ListedComponent | undefined {
  const developerName = text(c.developerName);
  if (!developerName) return undefined;
  const s = streams(c.streams);
  return {
    developerName,
    ...(text(c.componentType) ? { componentType: text(c.componentType) } : {}),
    ...(text(c.label) ? { label: text(c.label) } : {}),
    ...(text(c.connectorType) ? { connectorType: text(c.connectorType) } : {}),
    ...(s ? { streams: s } : {}),
  };
}

/** Kits without a developer name cannot be addressed and are left out. */
export function readKitList(body: unknown /* WireKitList */): DataKitDetails[] {
  return list<WireKitDetails>(record<WireKitList>(body).dataKitDetails).flatMap((k) => {
    const developerName = text(k.developerName);
    if (!developerName) return [];
    const raw = list<WireKitComponent>(k.components);
    const components = raw.map(listedComponent).filter((c): c is ListedComponent => c !== undefined);
    return [
      {
        developerName,
        label: text(k.label) ?? developerName,
        ...(text(k.dataKitType) ? { dataKitType: text(k.dataKitType) } : {}),
        ...(text(k.dataSpaceName) ? { dataSpaceName: text(k.dataSpaceName) } : {}),
        components,
        publishingSequence: list<{ developerName: unknown }>(k.publishingSequence)
          .map((s) => text(s.developerName))
          .filter((n): n is string => n !== undefined),
        unnamedComponents: raw.length - components.length,
      },
    ];
  });
}

/** available-components, create and patch: components without a type or a name cannot be referenced. */
export function readComponentInputs(body: unknown /* WireComponentCollection */): DataKitComponentInput[] {
  return list<WireComponentInput>(record<WireComponentCollection>(body).components).flatMap((c) => {
    const info = record<NonNullable<WireComponentInput['info']>>(c.info);
    const type = text(c.type);
    const name = text(info.name);
    if (!type || !name) return [];
    const s = streams(info.streams);
    return [
      {
        type,
        info: {
          name,
          ...(text(info.label) ? { label: text(info.label) } : {}),
          ...(text(info.connectorType) ? { connectorType: text(info.connectorType) } : {}),
          ...(s ? { streams: s.map((x) => ({ devName: x.devName, label: x.label ?? x.devName })) } : {}),
        },
      },
    ];
  });
}

export function readMembers(body: unknown /* WireMembersList */): ManifestMembers[] {
  return list<NonNullable<WireMembersList['dataKitMembers']>[number]>(
    record<WireMembersList>(body).dataKitMembers
  ).flatMap((m) => {
    const entityName = text(m.entityName);
    return entityName ? [{ entityName, developerName: strings(m.developerName) }] : [];
  });
}

export const readJobId = (body: unknown /* WireAsync */): string | undefined => text(record<WireAsync>(body).jobId);

export function readDependencies(body: unknown /* WireDependencies */): Dependency[] {
  return list<NonNullable<WireDependencies['componentDependencies']>[number]>(
    record<WireDependencies>(body).componentDependencies
  ).flatMap((d) => {
    const type = text(d.type);
    const name = text(d.name);
    return type && name ? [{ type, name }] : [];
  });
}

/** "Active", "NotDeployed", "not deployed" and "ACTIVE" all read as the upper snake case code. */
export function statusCode(raw: unknown): string | undefined {
  const t = text(raw);
  return t
    ?.trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toUpperCase();
}

export function readDeploymentStatus(body: unknown /* WireDeploymentStatus */): ComponentStatusReading {
  const answer = record<WireDeploymentStatus>(body);
  const details = Array.isArray(answer.componentDetails)
    ? list<NonNullable<WireDeploymentStatus['componentDetails']>[number]>(answer.componentDetails)
    : undefined;
  const first = details?.[0];
  const code =
    statusCode(record<NonNullable<WireDeploymentStatus['status']>>(answer.status).code) ??
    statusCode(first?.status) ??
    (details?.length === 0 ? 'NOT_DEPLOYED' : 'UNKNOWN');
  const componentId = text(first?.componentId);
  return { code, ...(componentId ? { componentId } : {}) };
}

export function readRecords(body: unknown /* WireQueryResult */): unknown[] {
  return list<unknown>(record<WireQueryResult>(body).records);
}

export function readJobRecord(row: unknown): JobRecord | undefined {
  const r = record<WireBackgroundOperation>(row);
  const id = text(r.Id);
  if (!id) return undefined;
  return {
    id,
    ...(text(r.Status) ? { status: text(r.Status) } : {}),
    ...(text(r.Error) ? { error: text(r.Error) } : {}),
    ...(text(r.CreatedDate) ? { createdDate: text(r.CreatedDate) } : {}),
  };
}

export function readLogRow(row: unknown): LogRow {
  const r = record<WireDeploymentLog>(row);
  const pick: Array<[keyof LogRow, unknown]> = [
    ['kit', r.DataKitName],
    ['componentName', r.ComponentName],
    ['componentType', r.ComponentType],
    ['status', r.DeploymentStatus],
    ['error', r.DeploymentError],
    ['jobId', r.JobIdentifier],
    ['interviewId', r.FlowInterviewIdentifier],
    ['createdDate', r.CreatedDate],
    ['action', r.DeploymentAction],
    ['createdBy', text(record<{ Username?: unknown }>(r.CreatedBy).Username) ?? r.CreatedById],
  ];
  return Object.fromEntries(pick.filter(([, v]) => text(v) !== undefined).map(([k, v]) => [k, text(v)])) as LogRow;
}

/** The interview GUID the flow started, or the reasons it did not. */
export function readFlowResult(body: unknown): { guid?: string; reasons: string[] } {
  const result = record<WireFlowResult>(Array.isArray(body) ? body[0] : body);
  const guid =
    result.isSuccess === false
      ? undefined
      : text(record<NonNullable<WireFlowResult['outputValues']>>(result.outputValues).Flow__InterviewGuid);
  const reasons = (Array.isArray(result.errors) ? result.errors : [])
    .map((e: unknown) =>
      typeof e === 'string'
        ? e
        : (text(record<{ message: unknown }>(e).message) ?? text(record<{ statusCode: unknown }>(e).statusCode))
    )
    .filter((r): r is string => r !== undefined && r !== '');
  return { ...(guid ? { guid } : {}), reasons };
}

/** Connections without a name cannot be matched to a deploy config and are left out. */
export function readConnections(body: unknown /* WireConnectionCollection */): DataConnection[] {
  return list<WireConnection>(record<WireConnectionCollection>(body).connections).flatMap((c) => {
    const name = text(c.name);
    if (!name) return [];
    const status = text(c.connectionStatus) ?? text(c.status);
    return [
      {
        name,
        ...(text(c.label) ? { label: text(c.label) } : {}),
        ...(text(c.connectorType) ? { connectorType: text(c.connectorType) } : {}),
        ...(status ? { status } : {}),
        ...(text(c.organizationId) ? { organizationId: text(c.organizationId) } : {}),
      },
    ];
  });
}
