/*
 * What `sf org login access-token` and `sf org display` call (offline-e2e-with-real-sf.md, step 2).
 */
import { sendJson, type Route, type RouteContext } from '../http.js';

const KNOWN_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0', '66.0', '67.0'];

function userInfo(ctx: RouteContext): void {
  const { orgId, userId, username } = ctx.state.identity;
  sendJson(ctx.res, 200, {
    sub: `${ctx.baseUrl}/id/${orgId}/${userId}`,
    user_id: userId,
    organization_id: orgId,
    preferred_username: username,
    name: 'Emulator Admin',
    email: username,
  });
}

function user(ctx: RouteContext, m: RegExpExecArray): void {
  sendJson(ctx.res, 200, {
    attributes: { type: 'User', url: `/services/data/v${ctx.state.options.maxApiVersion}/sobjects/User/${m[1]}` },
    Id: m[1],
    Username: ctx.state.identity.username,
    Email: ctx.state.identity.username,
  });
}

function versions(ctx: RouteContext): void {
  const max = Number(ctx.state.options.maxApiVersion);
  sendJson(
    ctx.res,
    200,
    KNOWN_VERSIONS.filter((v) => Number(v) <= max).map((v) => ({
      label: `v${v}`,
      url: `/services/data/v${v}`,
      version: v,
    }))
  );
}

function resources(ctx: RouteContext, m: RegExpExecArray): void {
  const v = m[1];
  sendJson(ctx.res, 200, {
    sobjects: `/services/data/v${v}/sobjects`,
    query: `/services/data/v${v}/query`,
    tooling: `/services/data/v${v}/tooling`,
    metadata: `/services/data/v${v}/metadata`,
    ssot: `/services/data/v${v}/ssot`,
  });
}

export const identityRoutes: Route[] = [
  { method: 'GET', pattern: /^\/services\/oauth2\/userinfo\/?$/, handler: userInfo },
  { method: 'GET', pattern: /^\/services\/data\/v[\d.]+\/sobjects\/User\/(\w+)\/?$/, handler: user },
  { method: 'GET', pattern: /^\/services\/data\/?$/, handler: versions },
  { method: 'GET', pattern: /^\/services\/data\/v([\d.]+)\/?$/, handler: resources },
];
