/*
 * GET /ssot/connections (v60+, spec v67): the org's Data Cloud connections of one connector type. The connections
 * API has its own connector vocabulary (SalesforceDotCom for CRM); CRM connections report `connectionStatus`,
 * the others `status`. The org's connections are the ones its catalog's bundles use, any a test seeds, and a CRM
 * connection to the org itself. A Connect deploy does not check them (GUESS: lenient, see the plugin's preflight).
 */
import { HttpError, respond, type Route, type RouteContext } from '../http.js';
import type { EmulatorState } from '../state.js';
import { connectionId, orgConnections } from '../runtime.js';
import type { Connection } from '../types.js';

const V = '/services/data/v[\\d.]+';

function shown(state: EmulatorState, c: Connection): Record<string, unknown> {
  const crm = c.connectorType === 'SalesforceDotCom';
  return {
    id: connectionId(state, c),
    name: c.name,
    label: c.label ?? c.name,
    connectorType: c.connectorType,
    ...(crm
      ? { connectionStatus: c.status ?? 'Active', organizationId: c.organizationId ?? state.identity.orgId }
      : { status: c.status ?? 'Connected' }),
  };
}

function listConnections(ctx: RouteContext): void {
  const q = ctx.url.searchParams;
  const connectorType = q.get('connectorType');
  if (!connectorType) throw new HttpError(400, 'INVALID_INPUT', 'The connectorType parameter is required.');
  const devName = q.get('devName');
  const limit = Math.min(Number(q.get('limit') ?? 50) || 50, 200);
  const offset = Math.max(Number(q.get('offset') ?? 0) || 0, 0);
  const all = orgConnections(ctx.state).filter(
    (c) => c.connectorType.toLowerCase() === connectorType.toLowerCase() && (!devName || c.name === devName)
  );
  respond(ctx, 'connections', 200, {
    connections: all.slice(offset, offset + limit).map((c) => shown(ctx.state, c)),
    totalSize: all.length,
  });
}

function byId(ctx: RouteContext, id: string): Connection {
  const found = orgConnections(ctx.state).find(
    (c) => connectionId(ctx.state, c) === id || connectionId(ctx.state, c).slice(0, 15) === id
  );
  if (!found) throw new HttpError(404, 'NOT_FOUND', `The connection ${id} doesn't exist.`);
  return found;
}

/** Connectors whose test the G5 orgs run: the JDBC ones (warehouses); every other answers INTERNAL_ERROR. */
const JDBC_CONNECTORS = new Set(['Snowflake', 'Redshift', 'BigQuery', 'Databricks']);

/** A connection tested with its credentials: a connection waiting for them fails (spec: CdpActionResponseBase). */
function testConnection(ctx: RouteContext, m: RegExpExecArray): void {
  const c = shown(ctx.state, byId(ctx, decodeURIComponent(m[1])));
  if (ctx.state.options.actionBodies === 'empty-json' && !JDBC_CONNECTORS.has(String(c.connectorType)))
    throw new HttpError(
      500,
      'INTERNAL_ERROR',
      'An unexpected error occurred. Please include this ErrorId if you contact support: 1790437583-41522 (-1351874063)'
    );
  const ok = ['Connected', 'Active'].includes(String(c.status ?? c.connectionStatus));
  respond(ctx, 'connectionTest', 200, {
    success: ok,
    ...(ok
      ? {}
      : {
          errors: [
            {
              errorCode: 'INVALID_CREDENTIALS',
              errorMessage: `Connection ${String(c.name)} has no valid credentials.`,
            },
          ],
        }),
  });
}

export const connectionRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/connections/?$`), minVersion: 60, handler: listConnections },
  {
    method: 'GET',
    pattern: new RegExp(`^${V}/ssot/connections/([^/]+)/?$`),
    minVersion: 60,
    handler: (ctx, m) => respond(ctx, 'connection', 200, shown(ctx.state, byId(ctx, decodeURIComponent(m[1])))),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${V}/ssot/connections/([^/]+)/actions/test/?$`),
    minVersion: 60,
    handler: testConnection,
  },
];
