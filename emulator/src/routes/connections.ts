/*
 * GET /ssot/connections (v60+, spec v67): the org's Data Cloud connections of one connector type. The connections
 * API has its own connector vocabulary (SalesforceDotCom for CRM); CRM connections report `connectionStatus`,
 * the others `status`. The org's connections are the ones its catalog's bundles use, any a test seeds, and a CRM
 * connection to the org itself. A Connect deploy does not check them (GUESS: lenient, see the plugin's preflight).
 */
import { HttpError, respond, type Route, type RouteContext } from '../http.js';
import type { EmulatorState } from '../state.js';
import type { Connection } from '../types.js';
import { CONNECTIONS_CONNECTOR_TYPE } from '../vocabulary.js';

const V = '/services/data/v[\\d.]+';

/** A stable 18-character id per connection name, so two reads agree. */
function idOf(name: string): string {
  let h = 7;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return `0cC${String(h).padStart(12, '0')}AAA`.slice(0, 18);
}

export function orgConnections(state: EmulatorState): Connection[] {
  const fromCatalog = state.catalog
    .filter((c) => c.connection)
    .map((c) => ({
      name: c.connection!.name,
      label: c.connection!.name.replace(/_/g, ' '),
      connectorType:
        CONNECTIONS_CONNECTOR_TYPE[c.connection!.connectorType.toUpperCase()] ?? c.connection!.connectorType,
    }));
  const byName = new Map<string, Connection>();
  for (const c of [...fromCatalog, ...state.connections]) byName.set(c.name, { ...byName.get(c.name), ...c });
  // a Data Cloud org is connected to its own CRM from the start (GUESS: the home org connection Setup creates)
  if (![...byName.values()].some((c) => c.connectorType === 'SalesforceDotCom'))
    byName.set('Home_Org', { name: 'Home_Org', label: 'Home Org', connectorType: 'SalesforceDotCom' });
  return [...byName.values()];
}

function shown(state: EmulatorState, c: Connection): Record<string, unknown> {
  const crm = c.connectorType === 'SalesforceDotCom';
  return {
    id: c.id ?? idOf(c.name),
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

export const connectionRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${V}/ssot/connections/?$`), minVersion: 60, handler: listConnections },
];
