/*
 * Resources real orgs answer that the spec lists no path for, or that only the field reports use
 * (docs/api-notes.md §11): the kit job resource at the two paths seen (F5), and the data lake objects and
 * data streams a preflight reads to find a DLO a deploy would not adopt (F7).
 */
import { HttpError, respond, type Route, type RouteContext } from '../http.js';
import type { EmulatorState } from '../state.js';
import type { Job } from '../types.js';

const V = '/services/data/v[\\d.]+';

/** Job words as the installers saw them: Queued, Running, Complete, Error. */
const JOB_WORD: Record<Job['status'], string> = {
  New: 'Queued',
  Running: 'Running',
  Complete: 'Complete',
  Error: 'Error',
};

function job(path: 'datakit-deployment-job' | 'deployment-jobs') {
  return (ctx: RouteContext, m: RegExpExecArray): void => {
    if (ctx.state.options.jobResource !== path)
      throw new HttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const found = ctx.state.jobs.get(decodeURIComponent(m[1]));
    if (!found || found.kind === 'flow') throw new HttpError(404, 'NOT_FOUND', `No data kit job with id ${m[1]}.`);
    respond(ctx, 'job', 200, {
      jobId: found.id,
      jobStatus: JOB_WORD[found.status],
      jobResults: found.steps
        .filter((s) => s.outcome === 'Successful')
        .map((s) => ctx.state.deployed.get(`${found.kit}|${s.name}`)?.componentId ?? s.name),
      errors: found.error ? [found.error] : [],
    });
  };
}

/** A DLO exists here when a kit deployed it or it was made outside any kit (linked to a stream). */
function lakeObject(state: EmulatorState, name: string): Record<string, unknown> | undefined {
  const deployed = [...state.deployed.values()].find((d) => d.type === 'DataLakeObject' && d.name === name);
  if (!deployed && !state.linkedDlos.has(name)) return undefined;
  const label = state.catalogEntry('DataLakeObject', name)?.label ?? name.replace(/__dll$/, '');
  return { name, label, status: 'ACTIVE', category: 'Engagement', dataSpaceInfo: [{ name: 'default' }] };
}

function readLakeObject(ctx: RouteContext, m: RegExpExecArray): void {
  const name = decodeURIComponent(m[1]);
  const dlo = lakeObject(ctx.state, name);
  if (!dlo) throw new HttpError(404, 'NOT_FOUND', `The data lake object ${name} does not exist.`);
  respond(ctx, 'dataLakeObject', 200, dlo);
}

/** Data streams with the DLO each writes (dataLakeObjectInfo), one page (offset and limit). */
function listStreams(ctx: RouteContext): void {
  const offset = Number(ctx.url.searchParams.get('offset') ?? 0);
  const limit = Number(ctx.url.searchParams.get('limit') ?? 200);
  const all = [...ctx.state.linkedDlos].map(([dlo, stream]) => ({
    name: stream,
    label: stream,
    status: 'ACTIVE',
    dataLakeObjectInfo: { name: dlo },
  }));
  respond(ctx, 'streams', 200, { dataStreams: all.slice(offset, offset + limit), totalSize: all.length });
}

export const fieldRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/datakit-deployment-job/([^/]+)/?$`),
    handler: job('datakit-deployment-job'),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/data-kits/deployment-jobs/([^/]+)/?$`),
    handler: job('deployment-jobs'),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/data-lake-objects/([^/]+)/?$`),
    minVersion: 60,
    handler: readLakeObject,
  },
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/data-streams/?$`), minVersion: 60, handler: listStreams },
];
