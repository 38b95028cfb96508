/*
 * The Data Cloud resources a live kit is made of, read and run (spec v67, from the data-360-sdk OpenAPI
 * document): GET and run data streams, data transforms, calculated insights and identity resolution rulesets;
 * GET and publish segments and activations; list activation targets. Status words are each resource's own:
 * streams "In Progress"/"Success"/"Failure" (enum), transforms "InProgress"/"Success"/"Failure" (enum),
 * identity resolution "IN_PROGRESS"/"SUCCESS"/"FAIL" (documented list), activations "Publishing"/"Success"/
 * "Partner_Error" (enum). Calculated insights and segments declare free strings: GUESS "IN_PROGRESS"/"SUCCESS"/
 * "FAILURE" and "Publishing"/"Success"/"Error".
 */
import { HttpError, respond, type Route, type RouteContext } from '../http.js';
import {
  bundleOfStream,
  connectionOfBundle,
  countOf,
  iso,
  liveEntry,
  runOf,
  stableId,
  startRun,
  targetActive,
  type Run,
  type RunKind,
} from '../runtime.js';
import type { EmulatorState } from '../state.js';
import { templateFile } from '../templateEdits.js';
import type { CatalogEntry } from '../types.js';
import { CONNECTIONS_CONNECTOR_TYPE } from '../vocabulary.js';

const V = '/services/data/v[\\d.]+';
const name = (m: RegExpExecArray): string => decodeURIComponent(m[1]);

/** Streams and transforms are addressed by developer name or record id (spec v67). */
function streamName(state: EmulatorState, nameOrId: string): string {
  const streams = state.catalog.flatMap((c) => (c.type === 'DataStreamBundle' ? (c.streams ?? []) : []));
  return streams.find((s) => stableId('1ds', s.devName) === nameOrId)?.devName ?? nameOrId;
}
function transformName(state: EmulatorState, nameOrId: string): string {
  return (
    state.catalog.find((c) => c.type === 'DataTransform' && stableId('1dt', c.name) === nameOrId)?.name ?? nameOrId
  );
}

function live(state: EmulatorState, type: string, n: string, what: string): CatalogEntry {
  const entry = liveEntry(state, type, n);
  if (!entry) throw new HttpError(404, 'NOT_FOUND', `The ${what} ${n} doesn't exist.`);
  return entry;
}

/** A run's status in a resource's own words. */
function word(run: Run, words: { none: string; running: string; success: string; failure: string }): string {
  return words[run.status];
}

// ---- data streams

function stream(state: EmulatorState, devName: string): { entry: CatalogEntry; body: Record<string, unknown> } {
  const bundle = bundleOfStream(state, devName);
  if (!bundle) throw new HttpError(404, 'NOT_FOUND', `The data stream ${devName} doesn't exist.`);
  const run = runOf(state, 'stream', devName, bundle);
  const { connection } = connectionOfBundle(state, bundle);
  const label = bundle.streams?.find((s) => s.devName === devName)?.label ?? devName;
  const connectorType = bundle.connectorType ?? '';
  const refreshMode = refreshModeOf(state, devName);
  return {
    entry: bundle,
    body: {
      id: stableId('1ds', devName),
      name: devName,
      label,
      status: 'Active',
      dataLakeObjectInfo: { name: `${devName}__dll` },
      refreshConfig: { refreshMode },
      connectorInfo: {
        connectorType:
          connection?.connectorType ?? CONNECTIONS_CONNECTOR_TYPE[connectorType.toUpperCase()] ?? connectorType,
        ...(connection ? { connectorDetails: { name: connection.name } } : {}),
      },
      lastRunStatus: word(run, { none: 'None', running: 'In Progress', success: 'Success', failure: 'Failure' }),
      ...(run.finishedAt !== undefined ? { lastRefreshDate: iso(run.finishedAt) } : {}),
      ...(run.status === 'success' ? { lastProcessedRecords: countOf(devName), totalRecords: countOf(devName) } : {}),
    },
  };
}

/** The stream's refresh mode, as its template in this org says (G3 reads it). */
function refreshModeOf(state: EmulatorState, devName: string): string {
  const xml = templateFile(state, 'DataStreamTemplate', devName);
  const mode = xml ? /<refreshMode>([^<]*)<\/refreshMode>/.exec(xml)?.[1] : undefined;
  return mode ?? bundleOfStream(state, devName)?.streams?.find((s) => s.devName === devName)?.refreshMode ?? 'UPSERT';
}

/** G3: a CRM stream runs only interactively, and only as a full refresh (the texts runbooks quote). */
function refuseCrmRun(ctx: RouteContext, devName: string, entry: CatalogEntry): void {
  if (ctx.state.options.crmStreamRuns !== 'interactive-full-refresh') return;
  if ((entry.connectorType ?? '').toUpperCase() !== 'CRM') return;
  if (ctx.url.searchParams.get('interactive') !== 'true')
    throw new HttpError(
      400,
      'INVALID_INPUT',
      'Connector type SalesforceDotCom is not allowed to run in non-interactive mode'
    );
  if (refreshModeOf(ctx.state, devName) !== 'FULL_REFRESH')
    throw new HttpError(
      412,
      'PRECONDITION_FAILED',
      'Connector type SalesforceDotCom is not allowed to run in interactive mode if refresh mode is not FULL_REFRESH'
    );
}

/** G5: these orgs read the action's body and refuse none at all (GUESS: the parser's usual answer). */
function requireJsonBody(ctx: RouteContext): void {
  if (ctx.state.options.actionBodies === 'empty-json' && ctx.body === undefined)
    throw new HttpError(400, 'JSON_PARSER_ERROR', 'No content to map due to end-of-input');
}

function runStream(ctx: RouteContext, m: RegExpExecArray): void {
  const devName = streamName(ctx.state, name(m));
  const { entry } = stream(ctx.state, devName);
  refuseCrmRun(ctx, devName, entry);
  const { connection, authenticated } = connectionOfBundle(ctx.state, entry);
  // a stream cannot read through a connection without credentials (GUESS: the request is refused)
  if (!authenticated)
    throw new HttpError(
      400,
      'INVALID_STATE',
      `The data stream ${devName} can't run: its connection ${connection?.name ?? entry.name} needs its credentials.`
    );
  requireJsonBody(ctx);
  const started = startRun(ctx.state, 'stream', devName, entry);
  respond(ctx, 'streamRun', 200, {
    success: started,
    ...(started ? {} : { errors: [{ errorCode: 'ALREADY_RUNNING', errorMessage: 'A refresh is in progress.' }] }),
  });
}

// ---- transforms, calculated insights, identity resolution

/** G4: these orgs' transforms hold several definitions (a full run and an incremental one). */
const definitionsOf = (state: EmulatorState, n: string): string[] =>
  state.options.transformRuns === 'definitions' ? [`${n}_Full`, `${n}_Incremental`] : [];

function transform(state: EmulatorState, n: string): Record<string, unknown> {
  const run = runOf(state, 'transform', n, live(state, 'DataTransform', n, 'data transform'));
  const definitions = definitionsOf(state, n);
  return {
    id: stableId('1dt', n),
    name: n,
    label: n.replace(/_/g, ' '),
    status: 'Active',
    type: 'BATCH',
    ...(definitions.length ? { definitions: definitions.map((d) => ({ name: d, label: d, type: 'Stl' })) } : {}),
    lastRunStatus:
      run.status === 'success' && run.skipped
        ? 'SkippedNoChanges'
        : word(run, { none: 'None', running: 'InProgress', success: 'Success', failure: 'Failure' }),
    ...(run.finishedAt !== undefined ? { lastRunDate: iso(run.finishedAt) } : {}),
    ...(run.status === 'failure' ? { lastRunErrorCode: { errorCode: 'RUN_FAILED', errorMessage: run.error } } : {}),
  };
}

function insight(state: EmulatorState, n: string): Record<string, unknown> {
  const run = runOf(state, 'insight', n, live(state, 'CalculatedInsight', n, 'calculated insight'));
  return {
    apiName: n,
    displayName: n.replace(/__cio$/, '').replace(/_/g, ' '),
    calculatedInsightStatus: 'ACTIVE',
    definitionType: 'CALCULATED_METRIC',
    isEnabled: true,
    ...(run.status !== 'none'
      ? { lastRunStatus: word(run, { none: '', running: 'IN_PROGRESS', success: 'SUCCESS', failure: 'FAILURE' }) }
      : {}),
    ...(run.finishedAt !== undefined ? { lastRunDateTime: iso(run.finishedAt) } : {}),
    ...(run.status === 'failure' ? { lastRunStatusErrorCode: run.error } : {}),
  };
}

function identityResolution(state: EmulatorState, n: string): Record<string, unknown> {
  const run = runOf(state, 'identityResolution', n, live(state, 'IdentityResolution', n, 'identity resolution'));
  return {
    id: stableId('1ir', n),
    label: n.replace(/_/g, ' '),
    configurationType: 'Individual',
    rulesetStatus: 'PUBLISHED',
    doesRunAutomatically: true,
    ...(run.status !== 'none'
      ? { lastJobStatus: word(run, { none: '', running: 'IN_PROGRESS', success: 'SUCCESS', failure: 'FAIL' }) }
      : {}),
    ...(run.finishedAt !== undefined ? { lastJobCompleted: iso(run.finishedAt) } : {}),
    ...(run.status === 'success' ? { totalUnifiedProfiles: countOf(n) } : {}),
  };
}

/** A transform's last run history entry: rows written, and which definition ran (spec v67 run-history). */
function runHistory(ctx: RouteContext, m: RegExpExecArray): void {
  const n = transformName(ctx.state, name(m));
  const run = runOf(ctx.state, 'transform', n, live(ctx.state, 'DataTransform', n, 'data transform'));
  const histories =
    run.status === 'none'
      ? []
      : [
          {
            type: 'Batch',
            status: transform(ctx.state, n).lastRunStatus,
            ...(run.definition ? { definitionName: run.definition } : {}),
            ...(run.startedAt !== undefined ? { startTime: iso(run.startedAt) } : {}),
            ...(run.finishedAt !== undefined ? { endTime: iso(run.finishedAt) } : {}),
            ...(run.status === 'success' ? { processedRows: run.rows ?? countOf(n) } : {}),
          },
        ];
  respond(ctx, 'transformRunHistory', 200, { histories, totalSize: histories.length });
}

/**
 * G4: what a transform run will do: the definition it needs, and on empty input (its lake object fed by a stream
 * that never ran here) 0 rows, then SkippedNoChanges when the last run wrote none either.
 */
function transformRunOf(ctx: RouteContext, n: string): Pick<Run, 'rows' | 'definition' | 'skipped'> {
  if (ctx.state.options.transformRuns !== 'definitions') return {};
  const definitions = definitionsOf(ctx.state, n);
  const asked = (ctx.body as { definitionName?: unknown } | undefined)?.definitionName;
  if (typeof asked !== 'string' || !definitions.includes(asked))
    throw new HttpError(400, 'INVALID_INPUT', 'Definition name is required for multi-definition transforms.');
  const inputs = ctx.state.dependenciesOf('DataTransform', n).filter((d) => d.type === 'DataLakeObject');
  const empty = inputs.some((d) => {
    const feeding = d.name.replace(/__dll$/, '');
    const bundle = bundleOfStream(ctx.state, feeding);
    return bundle !== undefined && runOf(ctx.state, 'stream', feeding, bundle).status !== 'success';
  });
  const last = ctx.state.runs.get(`transform:${n}`);
  return empty ? { definition: asked, rows: 0, skipped: last?.rows === 0 } : { definition: asked };
}

function runGeneric(kind: RunKind, type: string, what: string, resource: string) {
  return (ctx: RouteContext, m: RegExpExecArray): void => {
    requireJsonBody(ctx);
    const n = kind === 'transform' ? transformName(ctx.state, name(m)) : name(m);
    const entry = live(ctx.state, type, n, what);
    const started = startRun(ctx.state, kind, n, entry, kind === 'transform' ? transformRunOf(ctx, n) : {});
    if (kind === 'identityResolution')
      return respond(ctx, resource, 200, {
        resultCode: started
          ? 'SuccessfullySubmittedIdentityResolutionJobRunRequest'
          : 'IdentityResolutionJobIsAlreadyRunning',
      });
    const run = ctx.state.runs.get(`${kind}:${n}`);
    respond(ctx, resource, 200, {
      success: started,
      ...(kind === 'transform' && started ? { requestId: run?.requestId } : {}),
      ...(started ? {} : { errors: [{ errorCode: 'ALREADY_RUNNING', errorMessage: `${what} ${n} is running.` }] }),
    });
  };
}

// ---- segments and activations

const segmentId = (n: string): string => stableId('1sg', n);

function segment(state: EmulatorState, n: string): Record<string, unknown> {
  const entry = state.catalog.find((c) => c.type === 'MarketSegment' && (c.name === n || segmentId(c.name) === n));
  const found = entry && liveEntry(state, entry.type, entry.name);
  if (!found) throw new HttpError(404, 'NOT_FOUND', `The segment ${n} doesn't exist.`);
  const run = runOf(state, 'segment', found.name, found);
  return {
    apiName: found.name,
    developerName: found.name,
    displayName: found.label,
    marketSegmentId: segmentId(found.name),
    segmentStatus: 'ACTIVE',
    segmentType: 'UI',
    ...(run.status !== 'none'
      ? { publishStatus: word(run, { none: '', running: 'Publishing', success: 'Success', failure: 'Error' }) }
      : {}),
    ...(run.finishedAt !== undefined ? { lastPublishedEndDateTime: iso(run.finishedAt) } : {}),
    ...(run.status === 'success' ? { lastSegmentMemberCount: countOf(found.name) } : {}),
  };
}

function publishSegment(ctx: RouteContext, m: RegExpExecArray): void {
  requireJsonBody(ctx);
  // the publish action takes the segment's id, not its API name (spec: /ssot/segments/{segmentId}/actions/publish)
  const entry = ctx.state.catalog.find((c) => c.type === 'MarketSegment' && segmentId(c.name) === name(m));
  const found = entry && liveEntry(ctx.state, entry.type, entry.name);
  if (!found) throw new HttpError(404, 'NOT_FOUND', `No segment has the id ${name(m)}.`);
  const started = startRun(ctx.state, 'segment', found.name, found);
  // G5: 201, and an errors array holding one empty object, on success
  const observed = ctx.state.options.actionBodies === 'empty-json';
  respond(ctx, 'segmentPublish', observed ? 201 : 200, {
    ...(observed ? { errors: [{}] } : {}),
    success: started,
    segmentId: name(m),
    segmentApiName: found.name,
    publishStatus: 'Publishing',
  });
}

function activations(state: EmulatorState): Array<Record<string, unknown>> {
  return state.catalog
    .filter((c) => c.type === 'MarketSegmentActivation' && liveEntry(state, c.type, c.name))
    .map((c) => {
      const run = runOf(state, 'activation', c.name, c);
      const segmentOf = state.dependenciesOf(c.type, c.name).find((d) => d.type === 'MarketSegment')?.name;
      const targetName = state.dependenciesOf(c.type, c.name).find((d) => d.type === 'ActivationTarget')?.name;
      const target = targetName ? liveEntry(state, 'ActivationTarget', targetName) : undefined;
      return {
        id: stableId('1ac', c.name),
        name: c.name,
        developerName: c.name,
        label: c.label,
        status: 'Active',
        ...(segmentOf ? { segmentApiName: segmentOf } : {}),
        ...(target ? { activationTarget: activationTarget(state, target) } : {}),
        ...(run.status !== 'none'
          ? {
              lastPublishStatus: word(run, {
                none: '',
                running: 'Publishing',
                success: 'Success',
                failure: 'Partner_Error',
              }),
            }
          : {}),
        ...(run.finishedAt !== undefined ? { lastPublishDate: iso(run.finishedAt) } : {}),
        ...(run.status === 'failure' ? { lastPublishStatusErrorMsg: run.error } : {}),
      };
    });
}

function activationTarget(state: EmulatorState, c: CatalogEntry): Record<string, unknown> {
  return {
    id: stableId('1at', c.name),
    name: c.name,
    label: c.label,
    platformType: 'SalesforceMarketingCloud',
    status: targetActive(state, c) ? 'Active' : 'Inactive',
  };
}

function publishActivation(ctx: RouteContext, m: RegExpExecArray): void {
  requireJsonBody(ctx);
  const entry = ctx.state.catalog.find(
    (c) => c.type === 'MarketSegmentActivation' && stableId('1ac', c.name) === name(m)
  );
  const found = entry && liveEntry(ctx.state, entry.type, entry.name);
  if (!found) throw new HttpError(404, 'NOT_FOUND', `No activation has the id ${name(m)}.`);
  const target = ctx.state.dependenciesOf(found.type, found.name).find((d) => d.type === 'ActivationTarget');
  const targetEntry = target && ctx.state.catalogEntry(target.type, target.name);
  // a target without credentials cannot receive the audience: the publish ends in a partner error
  if (
    targetEntry &&
    !targetActive(ctx.state, targetEntry) &&
    !ctx.state.failures.some((f) => f.componentName === found.name)
  )
    ctx.state.failures.push({
      dataKitName: '',
      componentName: found.name,
      phase: 'run',
      message: `Activation target ${targetEntry.name} is not authenticated.`,
    });
  const started = startRun(ctx.state, 'activation', found.name, found);
  respond(ctx, 'activationPublish', 200, { success: started });
}

const list = (key: string, items: unknown[]): Record<string, unknown> => ({
  [key]: items,
  batchSize: items.length,
  offset: 0,
});

export const runtimeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/data-streams/([^/]+)/?$`),
    handler: (ctx, m) => respond(ctx, 'stream', 200, stream(ctx.state, streamName(ctx.state, name(m))).body),
  },
  { method: 'POST', pattern: new RegExp(`^${V}/ssot/data-streams/([^/]+)/actions/run/?$`), handler: runStream },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/data-transforms/([^/]+)/?$`),
    handler: (ctx, m) => respond(ctx, 'transform', 200, transform(ctx.state, transformName(ctx.state, name(m)))),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${V}/ssot/data-transforms/([^/]+)/actions/run/?$`),
    handler: runGeneric('transform', 'DataTransform', 'data transform', 'transformRun'),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/data-transforms/([^/]+)/run-history/?$`),
    handler: runHistory,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/calculated-insights/([^/]+)/?$`),
    handler: (ctx, m) => respond(ctx, 'insight', 200, insight(ctx.state, name(m))),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${V}/ssot/calculated-insights/([^/]+)/actions/run/?$`),
    handler: runGeneric('insight', 'CalculatedInsight', 'calculated insight', 'insightRun'),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/identity-resolutions/([^/]+)/?$`),
    handler: (ctx, m) => respond(ctx, 'identityResolution', 200, identityResolution(ctx.state, name(m))),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${V}/ssot/identity-resolutions/([^/]+)/actions/run-now/?$`),
    handler: runGeneric('identityResolution', 'IdentityResolution', 'identity resolution', 'identityResolutionRun'),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/segments/([^/]+)/?$`),
    // the spec answers a container of segments for one API name or id
    handler: (ctx, m) => respond(ctx, 'segment', 200, list('segments', [segment(ctx.state, name(m))])),
  },
  { method: 'POST', pattern: new RegExp(`^${V}/ssot/segments/([^/]+)/actions/publish/?$`), handler: publishSegment },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/activations/?$`),
    handler: (ctx) => respond(ctx, 'activations', 200, list('activations', activations(ctx.state))),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${V}/ssot/activations/([^/]+)/actions/publish/?$`),
    handler: publishActivation,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/activation-targets/?$`),
    handler: (ctx) =>
      respond(
        ctx,
        'activationTargets',
        200,
        list(
          'activationTargets',
          ctx.state.catalog
            .filter((c) => c.type === 'ActivationTarget' && liveEntry(ctx.state, c.type, c.name))
            .map((c) => activationTarget(ctx.state, c))
        )
      ),
  },
];
