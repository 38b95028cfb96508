/*
 * The Data Kit Connect REST resources (docs/api-notes.md §2 and §9.3, E1-E10).
 */
import { HttpError, requireObjectBody, respond, sendJson, type Route, type RouteContext } from '../http.js';
import { isRunning, startJob } from '../lifecycle.js';
import type { EmulatorState } from '../state.js';
import type { Job, JobStep, Kit, KitComponent } from '../types.js';
import { kitMembers } from '../kitMetadata.js';
import { COMPONENT_TYPES as CONNECT, DEPLOY_TYPES, UNDEPLOY_TYPES as UNDEPLOYABLE } from '../vocabulary.js';
import { apiNameIn, catalogName, kitTypeWord, listedEntries, listedName, readKitType } from '../fieldNames.js';
const V = '/services/data/v[\\d.]+';

function kitOr404(state: EmulatorState, name: string): Kit {
  const kit = state.kits.get(decodeURIComponent(name));
  if (!kit) throw new HttpError(404, 'NOT_FOUND', `PackageKitDefinition does not exist: ${decodeURIComponent(name)}`);
  return kit;
}

function componentOf(state: EmulatorState, kit: Kit, name: string): KitComponent | undefined {
  const apiName = apiNameIn(kit, state, name);
  return kit.components.find((c) => c.info.name === apiName);
}

function kitDetails(state: EmulatorState, k: Kit): Record<string, unknown> {
  return {
    developerName: k.devName,
    label: k.label,
    // not in the spec's schema; real list answers carry extra fields too (docs/api-notes.md §2.1), clients treat them as optional
    dataKitType: kitTypeWord(state, k.dataKitType),
    dataSpaceName: k.dataSpaceName,
    components: k.components.flatMap((c) =>
      listedEntries(state, c).map((e, i) =>
        i > 0
          ? e
          : {
              ...e,
              ...(c.info.connectorType ? { connectorType: c.info.connectorType } : {}),
              ...(c.info.streams ? { streams: c.info.streams.map(streamOut) } : {}),
            }
      )
    ),
    publishingSequence: k.components.map((c) => ({ componentType: c.type, developerName: listedName(state, c) })),
  };
}

function listKits(ctx: RouteContext): void {
  const ns = ctx.url.searchParams.get('namespace');
  if (ns === null && ctx.state.options.kitList === 'needs-namespace') {
    // F1: seen on v67.0 and v68.0 sandboxes
    throw new HttpError(500, 'INTERNAL_SERVER_ERROR', 'An unexpected error occurred. Please include this ErrorId.');
  }
  const now = ctx.state.now();
  const visible = [...ctx.state.kits.values()].filter(
    (k) => (ns ? k.namespace === ns : true) && now - k.createdAt >= ctx.state.options.listLagMs
  );
  respond(ctx, 'list', 200, { dataKitDetails: visible.map((k) => kitDetails(ctx.state, k)) });
}

/** GET /ssot/data-kits/{kit}: not in the spec (no GET), answered by real orgs (F1). */
function readKit(ctx: RouteContext, m: RegExpExecArray): void {
  if (ctx.state.options.kitRead === 'none')
    throw new HttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const kit = kitOr404(ctx.state, m[1]);
  if (ctx.state.now() - kit.createdAt < ctx.state.options.listLagMs)
    throw new HttpError(404, 'NOT_FOUND', `PackageKitDefinition does not exist: ${kit.devName}`);
  respond(ctx, 'list', 200, { dataKitDetails: [kitDetails(ctx.state, kit)] });
}

function streamOut(s: { devName: string; label: string }): Record<string, unknown> {
  return { streamDevName: s.devName, label: s.label, fieldApiNames: [], externalRecordIdentifier: null };
}

function kitRepresentation(kit: Kit): Record<string, unknown> {
  return {
    devName: kit.devName,
    label: kit.label,
    components: kit.components.map((c) => ({
      type: c.type,
      info: c.info.streams ? { ...c.info, streams: c.info.streams.map((s) => ({ ...s, fieldApiNames: [] })) } : c.info,
    })),
  };
}

/** Validates `components` of a create or patch body against the catalog. */
function parseComponents(state: EmulatorState, raw: unknown): KitComponent[] {
  if (!Array.isArray(raw)) throw new HttpError(400, 'INVALID_INPUT', 'components is required and must be an array.');
  return raw.map((item: unknown, i) => {
    const c = item as {
      type?: unknown;
      info?: { name?: unknown; label?: unknown; connectorType?: unknown; streams?: unknown };
    };
    if (typeof c?.type !== 'string' || !CONNECT.has(c.type)) {
      throw new HttpError(
        400,
        'INVALID_INPUT',
        `components[${i}].type is not a valid component type: ${String(c?.type)}`
      );
    }
    if (typeof c.info?.name !== 'string' || c.info.name.length === 0) {
      throw new HttpError(400, 'INVALID_INPUT', `components[${i}].info.name is required.`);
    }
    const name = catalogName(state, c.type, c.info.name);
    const entry = state.catalogEntry(c.type, name);
    if (!entry) throw new HttpError(400, 'INVALID_INPUT', `${c.type} ${c.info.name} does not exist in this org.`);
    return {
      type: c.type,
      info: {
        name,
        label: typeof c.info.label === 'string' ? c.info.label : entry.label,
        ...(entry.connectorType ? { connectorType: String(c.info.connectorType ?? entry.connectorType) } : {}),
        ...(entry.streams ? { streams: entry.streams } : {}),
      },
    };
  });
}

function createKit(ctx: RouteContext): void {
  const body = requireObjectBody(ctx);
  const { dataKitDevName, label, dataKitType, dataSpaceName } = body;
  if (
    typeof dataKitDevName !== 'string' ||
    !/^[A-Za-z][A-Za-z0-9_]*$/.test(dataKitDevName) ||
    dataKitDevName.includes('__')
  ) {
    throw new HttpError(
      400,
      'INVALID_INPUT',
      'dataKitDevName is required: letters, digits and single underscores, starting with a letter.'
    );
  }
  if (typeof label !== 'string' || label.trim() === '') throw new HttpError(400, 'INVALID_INPUT', 'label is required.');
  if (dataKitType !== undefined && !readKitType(dataKitType)) {
    throw new HttpError(400, 'INVALID_INPUT', 'dataKitType must be None or Sandbox.');
  }
  if (ctx.state.kits.has(dataKitDevName)) {
    throw new HttpError(400, 'DUPLICATE_VALUE', `A data kit named ${dataKitDevName} already exists.`);
  }
  const components = parseComponents(ctx.state, body.components);
  const now = ctx.state.now();
  const kit: Kit = {
    devName: dataKitDevName,
    label,
    dataKitType: readKitType(dataKitType) ?? 'None',
    dataSpaceName: typeof dataSpaceName === 'string' ? dataSpaceName : 'default',
    components,
    authoredHere: true,
    source: 'api',
    createdAt: now,
    manifestStamp: Date.now(),
  };
  ctx.state.kits.set(kit.devName, kit);
  respond(ctx, 'create', 200, kitRepresentation(kit));
}

function patchKit(ctx: RouteContext, m: RegExpExecArray): void {
  const kit = kitOr404(ctx.state, m[1]);
  const body = requireObjectBody(ctx);
  const extra = Object.keys(body).filter((k) => k !== 'components');
  if (extra.length > 0)
    throw new HttpError(400, 'INVALID_INPUT', `Only components can be updated; remove ${extra.join(', ')}.`);
  // destructive sync: the new set replaces the old one
  kit.components = parseComponents(ctx.state, body.components);
  respond(ctx, 'patch', 200, kitRepresentation(kit));
}

function deleteKit(ctx: RouteContext, m: RegExpExecArray): void {
  const name = decodeURIComponent(m[1]);
  const kit = ctx.state.kits.get(name);
  if (!kit) {
    const status = ctx.state.options.observedDeleteQuirk ? 500 : 404;
    throw new HttpError(
      status,
      status === 500 ? 'INTERNAL_SERVER_ERROR' : 'NOT_FOUND',
      `PackageKitDefinition does not exist: ${name}`
    );
  }
  const live = [...ctx.state.deployed.values()].filter((d) => d.kit === name);
  if (live.length > 0) {
    throw new HttpError(
      400,
      'INVALID_INPUT',
      `Data kit ${name} has deployed components (${live.map((d) => d.name).join(', ')}). Undeploy them first.`
    );
  }
  ctx.state.kits.delete(name);
  sendJson(ctx.res, ctx.state.options.deleteStatus);
}

function availableComponents(ctx: RouteContext): void {
  const q = ctx.url.searchParams;
  const type = q.get('componentType');
  const limit = Number(q.get('limit') ?? 200);
  const offset = ctx.state.faults.ignoreOffset ? 0 : Number(q.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new HttpError(400, 'INVALID_INPUT', 'limit must be between 1 and 200.');
  if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, 'INVALID_INPUT', 'offset must be 0 or more.');
  if (type && !CONNECT.has(type)) throw new HttpError(400, 'INVALID_INPUT', `componentType is not valid: ${type}`);
  const kitName = q.get('dataKitDevName');
  const honoured = kitName && ctx.state.options.availableFilter === 'honoured';
  const inKit = honoured
    ? new Set(kitOr404(ctx.state, kitName).components.map((c) => `${c.type}:${c.info.name}`))
    : new Set();
  const matches = ctx.state.catalog.filter((c) => (!type || c.type === type) && !inKit.has(`${c.type}:${c.name}`));
  respond(ctx, 'available', 200, {
    components: matches.slice(offset, offset + limit).map((c) => ({
      type: c.type,
      info: {
        name: c.name,
        label: c.label,
        ...(c.connectorType ? { connectorType: c.connectorType } : {}),
        ...(c.streams ? { streams: c.streams.map((s) => ({ ...s, fieldApiNames: [] })) } : {}),
      },
    })),
  });
}

/** Keys whose value names the component in a deploy config, by type (docs/api-notes.md §4.3). */
const CONFIG_NAME_KEYS: Record<string, string> = {
  DataStreamBundle: 'bundleName',
  DataLakeObject: 'dataSourceObjectDevName',
  CalculatedInsight: 'apiName',
  DataTransform: 'dataTransformDevName',
  IdentityResolution: 'identityResolutionDevName',
  DataSemanticSearch: 'searchIndexName',
  MarketSegmentActivation: 'componentName',
  ActivationTarget: 'componentName',
  DataAction: 'developerName',
  MlPredictionJob: 'predictionJobName',
};
const REQUIRED_CONFIG: Record<string, string[]> = {
  DataStreamBundle: ['bundleName', 'connectorType', 'bundleConfig'],
  DataLakeObject: ['dataSourceObjectDevName', 'apiName', 'label'],
  CalculatedInsight: ['apiName', 'label'],
  DataTransform: ['dataTransformDevName', 'dataTransformType', 'apiName', 'label'],
};

function deployStepFromConfig(state: EmulatorState, kit: Kit, raw: unknown, i: number): JobStep {
  const c = raw as { type?: unknown; config?: Record<string, unknown> };
  if (typeof c?.type !== 'string' || !DEPLOY_TYPES.has(c.type)) {
    throw new HttpError(
      400,
      'INVALID_INPUT',
      `Invalid data in the deployment request. components[${i}].type: ${String(c?.type)}`
    );
  }
  const config = c.config;
  if (!config || typeof config !== 'object') {
    throw new HttpError(
      400,
      'INVALID_INPUT',
      `Invalid data in the deployment request. components[${i}].config is required.`
    );
  }
  const missing = (REQUIRED_CONFIG[c.type] ?? []).filter((k) => config[k] === undefined || config[k] === '');
  if (missing.length > 0) {
    throw new HttpError(
      400,
      'INVALID_INPUT',
      `Invalid data in the deployment request. ${c.type} config needs ${missing.join(', ')}.`
    );
  }
  const name = apiNameIn(kit, state, String(config[CONFIG_NAME_KEYS[c.type] ?? 'name'] ?? ''), c.type);
  if (
    c.type === 'DataLakeObject' &&
    state.options.dloListing === 'with-shells' &&
    !String(config.apiName).endsWith('__dll')
  ) {
    // F2: the body seen working names the object by its API name twice
    throw new HttpError(400, 'INVALID_INPUT', `Invalid data in the deployment request. apiName must be ${name}.`);
  }
  const member = kit.components.find((k) => k.type === c.type && k.info.name === name);
  if (!member) {
    const message =
      c.type === 'DataStreamBundle'
        ? 'Provided bundle does not exist in the data kit'
        : `${name} does not exist in the Data kit`;
    throw new HttpError(400, 'INVALID_INPUT', message);
  }
  return { type: c.type, name, config };
}

function runningJobFor(state: EmulatorState, kit: string): Job | undefined {
  return [...state.jobs.values()].find((j) => j.kit === kit && isRunning(j));
}

function requireAsync(ctx: RouteContext): string {
  if (ctx.url.searchParams.get('asyncMode') !== 'true') {
    throw new HttpError(400, 'INVALID_INPUT', 'Sync mode unsupported: asyncMode must be set to true.');
  }
  return ctx.url.searchParams.get('dataspace') ?? 'default';
}

function deployKit(ctx: RouteContext, m: RegExpExecArray): void {
  const dataSpace = requireAsync(ctx);
  const kit = kitOr404(ctx.state, m[1]);
  const body = requireObjectBody(ctx);
  if (kit.authoredHere && ctx.state.options.rejectLocalDeploy) {
    throw new HttpError(400, 'INVALID_INPUT', 'A local data kit cannot be deployed in the same org.');
  }
  let steps: JobStep[];
  if (kit.dataKitType === 'Sandbox') {
    devOpsBody(ctx, kit, body);
    // DevOps kits deploy every component in publishing order
    steps = kit.components.filter((c) => DEPLOY_TYPES.has(c.type)).map((c) => ({ type: c.type, name: c.info.name }));
  } else {
    if (!Array.isArray(body.components) || body.components.length === 0) {
      throw new HttpError(400, 'INVALID_INPUT', 'Invalid data in the deployment request.');
    }
    steps = body.components.map((c, i) => deployStepFromConfig(ctx.state, kit, c, i));
  }
  const running = runningJobFor(ctx.state, kit.devName);
  if (running) {
    throw new HttpError(
      409,
      'CONFLICT',
      `A deployment is already in progress for data kit ${kit.devName} (job ${running.id}).`
    );
  }
  const job = startJob(ctx.state, { kind: 'deploy', kit: kit.devName, dataSpace, steps });
  const arrived = ctx.state.kitArrivedAt.get(kit.devName);
  if (arrived !== undefined && ctx.state.now() - arrived < ctx.state.options.settleAfterMetadataMs) {
    // F6: the first job after a metadata deploy; the next one, 30-60 s later on a real org, goes through
    ctx.state.kitArrivedAt.delete(kit.devName);
    job.failAtStart = `Internal Error: ${kit.devName} objects are locked by a metadata deployment still settling. Try again later.`;
  }
  respond(ctx, 'deploy', ctx.state.options.deployStatus, { jobId: job.id });
}

/**
 * A DevOps kit's body: `{developerName}` as the developer guide says, or `{}` / `{"components": []}` as
 * Salesforce's installers send (F3: any other key answers JSON_PARSER_ERROR there).
 */
function devOpsBody(ctx: RouteContext, kit: Kit, body: Record<string, unknown>): void {
  const keys = Object.keys(body);
  const emptyComponents = Array.isArray(body.components) && body.components.length === 0;
  const bare = keys.length === 0 || (keys.length === 1 && emptyComponents);
  if (ctx.state.options.devopsBody === 'empty-only') {
    if (!bare)
      throw new HttpError(400, 'JSON_PARSER_ERROR', `Unrecognized field "${keys.find((k) => k !== 'components')}"`);
    return;
  }
  const named = keys.length === 1 && body.developerName === kit.devName;
  if (!bare && !named)
    throw new HttpError(
      400,
      'INVALID_INPUT',
      'For DevOps data kits, specify only the developerName in the request body.'
    );
}

function undeployKit(ctx: RouteContext, m: RegExpExecArray): void {
  const dataSpace = requireAsync(ctx);
  const kit = kitOr404(ctx.state, m[1]);
  const body = requireObjectBody(ctx);
  if (!Array.isArray(body.components) || body.components.length === 0) {
    throw new HttpError(400, 'INVALID_INPUT', 'components is required.');
  }
  const steps = body.components.map((raw: unknown, i): JobStep => {
    const c = raw as { type?: unknown; name?: unknown };
    if (typeof c?.type !== 'string' || !UNDEPLOYABLE.has(c.type)) {
      throw new HttpError(400, 'INVALID_INPUT', `components[${i}].type cannot be undeployed: ${String(c?.type)}`);
    }
    const member = typeof c.name === 'string' ? componentOf(ctx.state, kit, c.name) : undefined;
    if (!member) throw new HttpError(400, 'INVALID_INPUT', `${String(c.name)} does not exist in the Data kit`);
    return { type: c.type, name: member.info.name };
  });
  const running = runningJobFor(ctx.state, kit.devName);
  if (running) {
    throw new HttpError(
      409,
      'CONFLICT',
      `A deployment is already in progress for data kit ${kit.devName} (job ${running.id}).`
    );
  }
  const job = startJob(ctx.state, { kind: 'undeploy', kit: kit.devName, dataSpace, steps });
  respond(ctx, 'undeploy', 200, { jobId: job.id });
}

function dependencies(ctx: RouteContext, m: RegExpExecArray): void {
  const type = ctx.url.searchParams.get('componentType');
  if (!type) throw new HttpError(400, 'INVALID_INPUT', 'componentType is required.');
  if (!UNDEPLOYABLE.has(type)) throw new HttpError(400, 'INVALID_INPUT', `componentType is not valid: ${type}`);
  const kit = kitOr404(ctx.state, m[1]);
  const name = apiNameIn(kit, ctx.state, decodeURIComponent(m[2]), type);
  if (!kit.components.some((c) => c.type === type && c.info.name === name)) {
    throw new HttpError(404, 'NOT_FOUND', `${type} ${name} is not in data kit ${kit.devName}.`);
  }
  respond(ctx, 'dependencies', 200, {
    componentDependencies: ctx.state.dependenciesOf(type, name).map((d) => ({
      id: [...ctx.state.deployed.values()].find((x) => x.name === d.name)?.componentId ?? null,
      name: d.name,
      type: d.type,
    })),
  });
}

function deploymentStatus(ctx: RouteContext, m: RegExpExecArray): void {
  const kit = kitOr404(ctx.state, m[1]);
  const asked = decodeURIComponent(m[2]);
  const name = apiNameIn(kit, ctx.state, asked);
  const byApiName = kit.components.find((c) => c.info.name === asked);
  if (byApiName && listedName(ctx.state, byApiName) !== asked) {
    // F2: asked by the __dll name, the org answers an empty list
    respond(ctx, 'status', 200, { componentDetails: [] });
    return;
  }
  const deployed = ctx.state.deployed.get(`${kit.devName}|${name}`);
  if (!deployed) {
    if (ctx.state.options.notDeployed === '404') {
      throw new HttpError(404, 'NOT_FOUND', `Component ${name} is not deployed from data kit ${kit.devName}.`);
    }
    const notDeployed = ctx.state.options.statusCodeCase === 'mixed' ? 'NotDeployed' : 'NOT_DEPLOYED';
    respond(ctx, 'status', 200, {
      componentDetails: [],
      status: { code: notDeployed, message: `The Status of the component is ${notDeployed}` },
    });
    return;
  }
  const code = ctx.state.options.statusCodeCase === 'mixed' ? deployed.status : deployed.status.toUpperCase();
  respond(ctx, 'status', 200, {
    componentDetails: [{ componentId: deployed.componentId, dataKitName: kit.devName, status: deployed.status }],
    status: { code, message: `The Status of the component is ${code}` },
  });
}

function manifest(ctx: RouteContext, m: RegExpExecArray): void {
  const kit = kitOr404(ctx.state, m[1]);
  let i = 0;
  respond(ctx, 'manifest', 200, {
    dataKitMembers: [...kitMembers(kit, ctx.state.templates())].map(([entityName, developerName]) => ({
      entityName,
      developerName,
      id: developerName.map(() => `0XX${String(++i).padStart(12, '0')}`),
    })),
  });
}

function wrongManifestPath(): never {
  // the plural path is not a resource on a real org (docs/api-notes.md §2.7)
  throw new HttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/** Data spaces (GUESS: REST twin of ConnectApi.CdpDataSpace; shape reduced to what the plugin reads). */
function dataSpaceByName(ctx: RouteContext, m: RegExpExecArray): void {
  const name = decodeURIComponent(m[1]);
  if (!ctx.state.dataSpaces.has(name)) throw new HttpError(404, 'NOT_FOUND', `The data space ${name} does not exist.`);
  sendJson(ctx.res, 200, { name, label: name, prefix: name === 'default' ? '' : name.slice(0, 4) });
}

function allDataSpaces(ctx: RouteContext): void {
  sendJson(ctx.res, 200, {
    dataSpaces: [...ctx.state.dataSpaces].map((name) => ({ name, label: name })),
    totalSize: ctx.state.dataSpaces.size,
  });
}

export const dataKitRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/data-spaces/?$`), minVersion: 62, handler: allDataSpaces },
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/data-spaces/([^/]+)/?$`), minVersion: 62, handler: dataSpaceByName },
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/data-kits/?$`), minVersion: 63, handler: listKits },
  { method: 'POST', pattern: new RegExp(`^${V}/ssot/data-kits/?$`), minVersion: 63, handler: createKit },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/data-kits/available-components/?$`),
    minVersion: 63,
    handler: availableComponents,
  },
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/datakit/([^/]+)/manifest/?$`), minVersion: 63, handler: manifest },
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/data-kits/([^/]+)/manifest/?$`), handler: wrongManifestPath },
  {
    method: 'POST',
    pattern: new RegExp(`^${V}/ssot/data-kits/([^/]+)/undeploy/?$`),
    minVersion: 63,
    handler: undeployKit,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/data-kits/([^/]+)/components/([^/]+)/dependencies/?$`),
    minVersion: 63,
    handler: dependencies,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/data-kits/([^/]+)/components/([^/]+)/deployment-status/?$`),
    minVersion: 62,
    handler: deploymentStatus,
  },
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/data-kits/([^/]+)/?$`), minVersion: 63, handler: readKit },
  { method: 'PATCH', pattern: new RegExp(`^${V}/ssot/data-kits/([^/]+)/?$`), minVersion: 64, handler: patchKit },
  { method: 'DELETE', pattern: new RegExp(`^${V}/ssot/data-kits/([^/]+)/?$`), minVersion: 64, handler: deleteKit },
  { method: 'POST', pattern: new RegExp(`^${V}/ssot/data-kits/([^/]+)/?$`), minVersion: 64, handler: deployKit },
];
