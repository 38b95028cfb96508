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
  LiveResource,
  LogRow,
  ManifestMembers,
  RunStart,
  DeployJobReading,
  TransformRun,
} from './types.js';
import type {
  WireActionResponse,
  WireActivation,
  WireActivationCollection,
  WireActivationTargetCollection,
  WireAsync,
  WireCalculatedInsight,
  WireDataStream,
  WireDataTransform,
  WireTransformRunHistory,
  WireIdentityResolution,
  WireRunNow,
  WireSegmentContainer,
  WireBackgroundOperation,
  WireComponentCollection,
  WireComponentInput,
  WireConnection,
  WireConnectionCollection,
  WireDependencies,
  WireDeploymentLog,
  WireDeploymentStatus,
  WireDeployJob,
  WireFlowResult,
  WireKitComponent,
  WireKitDetails,
  WireKitList,
  WireMembersList,
  WireQueryResult,
  WireStream,
  WireStreamCollection,
  WireStreamSummary,
} from './wire.js';

/** A non-empty string, or undefined. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const list = <T>(v: unknown): Array<Partial<T>> =>
  Array.isArray(v) ? v.filter((x): x is Partial<T> => x !== null && typeof x === 'object') : [];
const record = <T>(v: unknown): Partial<T> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<T>) : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
const orNone = <T>(items: T[]): T[] | undefined => (items.length ? items : undefined);

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

/** The next batch's path when the answer is not done; only a path on the same org's query resource is followed. */
export function readNextRecords(body: unknown /* WireQueryResult */): string | undefined {
  const r = record<WireQueryResult>(body);
  const next = text(r.nextRecordsUrl);
  return r.done === false && next && /^\/services\/data\/v[\d.]+\/query\/[\w-]+$/.test(next) ? next : undefined;
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
        ...(text(c.id) ? { id: text(c.id) } : {}),
      },
    ];
  });
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Only the fields that hold something: a reading never carries undefined values. */
const defined = <T>(fields: { [K in keyof T]: T[K] | undefined }): T =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
const resource = (fields: { [K in keyof LiveResource]: LiveResource[K] | undefined }): LiveResource =>
  defined<LiveResource>(fields);

export function readDataStream(body: unknown, asked: string): LiveResource {
  const s = record<WireDataStream>(body);
  const connector = record<NonNullable<WireDataStream['connectorInfo']>>(s.connectorInfo);
  return resource({
    name: text(s.name) ?? asked,
    id: text(s.id),
    status: text(s.status),
    lastRun: text(s.lastRunStatus),
    lastRunAt: text(s.lastRefreshDate),
    count: count(s.totalRecords),
    connectorType: text(connector.connectorType),
    connectionName: text(record<{ name?: unknown }>(connector.connectorDetails).name),
    refreshMode: text(record<{ refreshMode?: unknown }>(s.refreshConfig).refreshMode),
  });
}

export function readDataTransform(body: unknown, asked: string): LiveResource {
  const t = record<WireDataTransform>(body);
  const error = record<{ errorCode?: unknown; errorMessage?: unknown }>(t.lastRunErrorCode);
  return resource({
    name: text(t.name) ?? asked,
    id: text(t.id),
    status: text(t.status),
    lastRun: text(t.lastRunStatus),
    lastRunAt: text(t.lastRunDate),
    error: text(error.errorMessage) ?? text(error.errorCode),
    definitions: orNone(strings(list<{ name?: unknown }>(t.definitions).map((d) => d.name))),
  });
}

/**
 * A transform's newest run from its history (newest first): its status and definition, and the rows of the newest
 * run that says how many it wrote (a run skipped for want of changes may not). Undefined when it never ran.
 */
export function readTransformRun(body: unknown /* WireTransformRunHistory */): TransformRun | undefined {
  const runs = list<NonNullable<WireTransformRunHistory['histories']>[number]>(
    record<WireTransformRunHistory>(body).histories
  );
  if (!runs.length) return undefined;
  return defined<TransformRun>({
    status: text(runs[0].status),
    rows: runs.map((r) => count(r.processedRows)).find((n) => n !== undefined),
    definition: text(runs[0].definitionName),
  });
}

export function readCalculatedInsight(body: unknown, asked: string): LiveResource {
  const c = record<WireCalculatedInsight>(body);
  return resource({
    name: text(c.apiName) ?? asked,
    status: text(c.calculatedInsightStatus),
    lastRun: text(c.lastRunStatus),
    lastRunAt: text(c.lastRunDateTime),
    error: text(c.lastRunStatusErrorCode),
  });
}

export function readIdentityResolution(body: unknown, asked: string): LiveResource {
  const r = record<WireIdentityResolution>(body);
  return resource({
    name: asked,
    id: text(r.id),
    status: text(r.rulesetStatus),
    lastRun: text(r.lastJobStatus),
    lastRunAt: text(r.lastJobCompleted),
    count: count(r.totalUnifiedProfiles),
  });
}

/** The container's segment of that API name (or its only one); undefined when it holds none. */
export function readSegment(body: unknown, asked: string): LiveResource | undefined {
  const all = list<NonNullable<WireSegmentContainer['segments']>[number]>(record<WireSegmentContainer>(body).segments);
  const s = all.find((x) => text(x.apiName) === asked) ?? (all.length === 1 ? all[0] : undefined);
  if (!s) return undefined;
  return resource({
    name: text(s.apiName) ?? asked,
    id: text(s.marketSegmentId),
    status: text(s.segmentStatus),
    lastRun: text(s.publishStatus),
    lastRunAt: text(s.lastPublishedEndDateTime),
    count: count(s.lastSegmentMemberCount),
  });
}

/** The spec types the collection's activations as one object; orgs answer an array: both are read. */
export function readActivations(body: unknown /* WireActivationCollection */): LiveResource[] {
  const raw = record<WireActivationCollection>(body).activations as unknown;
  const items = Array.isArray(raw) ? list<WireActivation>(raw) : raw ? [record<WireActivation>(raw)] : [];
  return items.flatMap((a) => {
    const name = text(a.developerName) ?? text(a.name);
    if (!name) return [];
    const target = record<{ name?: unknown; status?: unknown }>(a.activationTarget);
    return [
      resource({
        name,
        id: text(a.id),
        status: text(a.status),
        lastRun: text(a.lastPublishStatus),
        lastRunAt: text(a.lastPublishDate),
        error: text(a.lastPublishStatusErrorMsg),
        target: text(target.name) ? { name: text(target.name), status: text(target.status) } : undefined,
      }),
    ];
  });
}

export function readActivationTargets(body: unknown /* WireActivationTargetCollection */): LiveResource[] {
  return list<NonNullable<WireActivationTargetCollection['activationTargets']>[number]>(
    record<WireActivationTargetCollection>(body).activationTargets
  ).flatMap((t) => (text(t.name) ? [resource({ name: text(t.name)!, id: text(t.id), status: text(t.status) })] : []));
}

/** An action's answer: success, or the errors it gave (CdpActionResponseBase); identity resolution's resultCode. */
export function readRunStart(body: unknown): RunStart {
  const code = text(record<WireRunNow>(body).resultCode);
  if (code) {
    if (/AlreadyRunning/i.test(code)) return { started: false, alreadyRunning: true };
    return /Successfully|NoPendingChanges/i.test(code) ? { started: true } : { started: false, error: code };
  }
  const r = record<WireActionResponse>(body);
  const errors = list<{ errorCode?: unknown; errorMessage?: unknown }>(r.errors)
    .map((e) => text(e.errorMessage) ?? text(e.errorCode))
    .filter((e): e is string => e !== undefined);
  // an answer without "success" (a 200 with an empty body) started the run: the failure cases say so; a 201 with
  // errors: [{}] is a success too (G5): an error that names nothing is none
  if (r.success === false || errors.length) return { started: false, error: errors.join('; ') || undefined };
  return { started: true };
}

/** The job resource's answer: its status word, the components it finished, its errors as text. */
export function readDeployJob(body: unknown /* WireDeployJob */): DeployJobReading {
  const r = record<WireDeployJob>(body);
  // the installers saw strings; an org may send {message} objects as other answers do
  const errors = (Array.isArray(r.errors) ? r.errors : [])
    .map((e) => text(e) ?? text(record<{ message?: unknown }>(e).message))
    .filter((e): e is string => e !== undefined);
  return {
    ...(text(r.jobStatus) ? { status: text(r.jobStatus) } : {}),
    results: strings(r.jobResults),
    errors,
  };
}

/** Data streams and the DLO each writes, one entry per stream the page holds (a page's length decides paging). */
export function readStreamTargets(body: unknown /* WireStreamCollection */): Array<{ stream?: string; dlo?: string }> {
  return list<WireStreamSummary>(record<WireStreamCollection>(body).dataStreams).map((s) => ({
    stream: text(s.name),
    dlo: text(record<{ name?: unknown }>(s.dataLakeObjectInfo).name),
  }));
}
