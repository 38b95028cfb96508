/*
 * The local org emulator: a Salesforce org with Data Cloud, on 127.0.0.1, that the real `sf` CLI can log in to.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyFaults } from './faults.js';
import { HttpError, readBody, sendError, type Route, type RouteContext } from './http.js';
import { advanceJobs } from './lifecycle.js';
import { connectionRoutes } from './routes/connections.js';
import { controlRoutes } from './routes/control.js';
import { dataKitRoutes } from './routes/dataKits.js';
import { fieldRoutes } from './routes/fieldResources.js';
import { flowRoutes } from './routes/flow.js';
import { identityRoutes } from './routes/identity.js';
import { queryRoutes } from './routes/query.js';
import { runtimeRoutes } from './routes/runtime.js';
import { soapRoutes } from './routes/metadataApi.js';
import { EmulatorState, type OrgIdentity } from './state.js';
import type { EmulatorOptions, SeedFile } from './types.js';

export type StartOptions = {
  port?: number;
  /** org profiles (profiles.ts), comma-separated or a list */
  profile?: string | string[];
  identity?: Partial<OrgIdentity>;
  options?: Partial<EmulatorOptions>;
  seed?: SeedFile;
};

export type RunningEmulator = {
  url: string;
  state: EmulatorState;
  close(): Promise<void>;
};

export const DEFAULT_IDENTITY: OrgIdentity = {
  orgId: '00DEM0000000001AAA',
  userId: '005EM0000000001AAA',
  username: 'admin@datakit.emulator',
  orgName: 'Data Kit Emulator',
};

const ROUTES: Route[] = [
  ...identityRoutes,
  ...queryRoutes,
  // before the kit routes: /ssot/data-kits/deployment-jobs/{id} would otherwise read as a kit's component path
  ...fieldRoutes,
  ...dataKitRoutes,
  ...connectionRoutes,
  ...runtimeRoutes,
  ...flowRoutes,
  ...soapRoutes,
];

/** A token is accepted when it is non-empty and, if it carries an org id (`00D...!...`), that id is this org's. */
function authorized(req: IncomingMessage, state: EmulatorState): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return false;
  const orgPart = /^(00D\w{12,15})!/.exec(token)?.[1];
  return !orgPart || orgPart.slice(0, 15) === state.identity.orgId.slice(0, 15);
}

function findRoute(routes: Route[], method: string, path: string): [Route, RegExpExecArray] | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return [route, m];
  }
  return undefined;
}

/** 404 for a version above what the org serves or below the resource's first version. */
function versionProblem(state: EmulatorState, route: Route, version: number | undefined): boolean {
  if (version === undefined) return false;
  return (
    version > Number(state.options.maxApiVersion) || (route.minVersion !== undefined && version < route.minVersion)
  );
}

async function handle(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  baseUrl: () => string
): Promise<void> {
  const rawBody = await readBody(req);
  // `sf org login` stores the instance URL with a trailing slash, so later requests start with "//"
  const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), baseUrl());
  const path = url.pathname;
  const method = req.method ?? 'GET';
  let body: unknown;
  let badJson = false;
  if (rawBody.length > 0 && !/xml|multipart/.test(req.headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      badJson = true;
    }
  }
  const apiVersion = /^\/services\/data\/v(\d+(?:\.\d+)?)/.exec(path)?.[1];
  const ctx: RouteContext = {
    req,
    res,
    state,
    url,
    rawBody,
    body,
    badJson,
    baseUrl: baseUrl(),
    apiVersion: apiVersion ? Number(apiVersion) : undefined,
  };

  if (path.startsWith('/__emulator/')) return dispatch(ctx, controlRoutes, method, path);

  // a SOAP call is named by its operation: what a test asks when it checks an org was only read
  const operation = path.startsWith('/services/Soap/')
    ? /<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/.exec(rawBody.toString('utf8'))?.[1]
    : undefined;
  const record = {
    method,
    path,
    query: url.search,
    body,
    operation,
    at: Date.now(),
  } as (typeof state.requests)[number];
  state.requests.push(record);
  res.on('finish', () => (record.status = res.statusCode));
  // unref: a slowed answer never keeps a closed emulator's process alive
  if (state.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, state.faults.latencyMs).unref());
  if (applyFaults(state, path, res, method)) return;
  const isSoap = path.startsWith('/services/Soap/');
  if (path.startsWith('/services/') && !isSoap && !authorized(req, state)) {
    return sendError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  }
  advanceJobs(state);
  return dispatch(ctx, ROUTES, method, path);
}

async function dispatch(ctx: RouteContext, routes: Route[], method: string, path: string): Promise<void> {
  const found = findRoute(routes, method, path);
  try {
    if (!found || versionProblem(ctx.state, found[0], ctx.apiVersion)) {
      throw new HttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    await found[0].handler(ctx, found[1]);
  } catch (e) {
    if (e instanceof HttpError) return sendError(ctx.res, e.status, e.errorCode, e.message);
    sendError(ctx.res, 500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${(e as Error).message}`);
  }
}

export async function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  // an org of its own has an admin of its own: ids are never shared between two orgs (G2 tells them apart)
  const userId = opts.identity?.orgId && !opts.identity.userId ? `005${opts.identity.orgId.slice(3)}` : undefined;
  const state = new EmulatorState(
    { ...DEFAULT_IDENTITY, ...opts.identity, ...(userId ? { userId } : {}) },
    opts.options
  );
  if (opts.profile) state.applyProfile(opts.profile);
  if (opts.seed) state.seed(opts.seed);
  let url = '';
  const server = createServer((req, res) => {
    handle(state, req, res, () => url).catch((e: Error) => {
      if (!res.headersSent) sendError(res, 500, 'UNKNOWN_EXCEPTION', e.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
