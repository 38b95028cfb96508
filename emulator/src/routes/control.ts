/*
 * Test-only control endpoints (docs/api-notes.md §9.5). Not Salesforce: nothing outside the emulator and its tests calls them.
 */
import { HttpError, requireObjectBody, sendJson, type Route, type RouteContext } from '../http.js';
import { PROFILES } from '../profiles.js';
import { noFaults } from '../state.js';
import { setCredentials, refreshInSetup } from '../runtime.js';
import { editTemplate, templateFile, type TemplateEdit } from '../templateEdits.js';
import type { EmulatorOptions, FailureRule, Faults, Mutation, SeedFile } from '../types.js';

function snapshot(ctx: RouteContext): void {
  const s = ctx.state;
  sendJson(ctx.res, 200, {
    identity: s.identity,
    kits: [...s.kits.values()],
    deployed: [...s.deployed.values()],
    jobs: [...s.jobs.values()],
    logs: s.logs,
    options: s.options,
    catalogSize: s.catalog.length,
  });
}

export const controlRoutes: Route[] = [
  { method: 'GET', pattern: /^\/__emulator\/state\/?$/, handler: snapshot },
  {
    method: 'GET',
    pattern: /^\/__emulator\/requests\/?$/,
    handler: (ctx) => sendJson(ctx.res, 200, ctx.state.requests),
  },
  {
    method: 'DELETE',
    pattern: /^\/__emulator\/requests\/?$/,
    handler: (ctx): void => {
      ctx.state.requests = [];
      sendJson(ctx.res, 200, { ok: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/reset\/?$/,
    handler: (ctx): void => {
      ctx.state.reset();
      sendJson(ctx.res, 200, { ok: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/seed\/?$/,
    handler: (ctx): void => {
      ctx.state.seed(requireObjectBody(ctx) as SeedFile);
      sendJson(ctx.res, 200, { ok: true, kits: ctx.state.kits.size, catalog: ctx.state.catalog.length });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/fail\/?$/,
    handler: (ctx): void => {
      const rule = requireObjectBody(ctx) as Partial<FailureRule>;
      // a run failure is the component's, whichever kit brought it
      if (!rule.componentName || (!rule.dataKitName && rule.phase !== 'run'))
        throw new HttpError(400, 'INVALID_INPUT', 'dataKitName and componentName are required');
      ctx.state.failures.push({
        dataKitName: rule.dataKitName ?? '',
        componentName: rule.componentName,
        message: rule.message ?? `Injected failure for ${rule.componentName}`,
        phase: rule.phase ?? 'deploy',
      });
      sendJson(ctx.res, 200, { ok: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/tick\/?$/,
    handler: (ctx): void => {
      const { n } = (ctx.body ?? {}) as { n?: number };
      ctx.state.tick(n ?? 1);
      sendJson(ctx.res, 200, { ok: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/options\/?$/,
    handler: (ctx): void => {
      Object.assign(ctx.state.options, requireObjectBody(ctx) as Partial<EmulatorOptions>);
      sendJson(ctx.res, 200, ctx.state.options);
    },
  },
  { method: 'GET', pattern: /^\/__emulator\/profiles\/?$/, handler: (ctx) => sendJson(ctx.res, 200, PROFILES) },
  {
    method: 'POST',
    pattern: /^\/__emulator\/profile\/?$/,
    handler: (ctx): void => {
      const { name } = requireObjectBody(ctx) as { name?: string };
      try {
        ctx.state.applyProfile(name ?? 'documented');
      } catch (e) {
        throw new HttpError(400, 'INVALID_INPUT', (e as Error).message);
      }
      sendJson(ctx.res, 200, ctx.state.options);
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/mutations\/?$/,
    handler: (ctx): void => {
      const list = ctx.body as Mutation[];
      if (
        !Array.isArray(list) ||
        list.some((m) => !m?.resource || !m.path || (m.action !== 'drop' && m.action !== 'null'))
      ) {
        throw new HttpError(
          400,
          'INVALID_INPUT',
          'a JSON array of {resource, path, action: "drop" | "null"} is required'
        );
      }
      ctx.state.mutations = list;
      sendJson(ctx.res, 200, { ok: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/faults\/?$/,
    handler: (ctx): void => {
      ctx.state.faults = { ...noFaults(), ...(requireObjectBody(ctx) as Partial<Faults>) };
      sendJson(ctx.res, 200, ctx.state.faults);
    },
  },
  {
    method: 'GET',
    pattern: /^\/__emulator\/content\/?$/,
    handler: (ctx): void => {
      const params = ctx.url.searchParams;
      const [type, fullName] = [params.get('type') ?? '', params.get('fullName') ?? ''];
      const content = templateFile(ctx.state, type, fullName);
      if (content === undefined)
        throw new HttpError(404, 'NOT_FOUND', `no kit in this org carries ${type} ${fullName}`);
      sendJson(ctx.res, 200, { type, fullName, content });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/content\/?$/,
    handler: (ctx): void => {
      const edit = requireObjectBody(ctx) as TemplateEdit;
      try {
        sendJson(ctx.res, 200, { type: edit.type, fullName: edit.fullName, content: editTemplate(ctx.state, edit) });
      } catch (e) {
        throw new HttpError(400, 'INVALID_INPUT', (e as Error).message);
      }
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/user\/?$/,
    handler: (ctx): void => {
      // later changes are made by this person (their log rows name them), until the next call or a reset
      const { username, name } = requireObjectBody(ctx) as { username?: string; name?: string };
      if (!username) {
        ctx.state.actingUserId = undefined;
        return sendJson(ctx.res, 200, { userId: ctx.state.identity.userId });
      }
      const existing = [...ctx.state.users].find(([, u]) => u.Username === username)?.[0];
      const id = existing ?? ctx.state.newId('005');
      ctx.state.users.set(id, { Username: username, Name: name ?? username });
      ctx.state.actingUserId = id;
      sendJson(ctx.res, 200, { userId: id });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/credentials\/?$/,
    handler: (ctx): void => {
      // an admin enters the credentials of a connection or an activation target in Setup
      const { name } = requireObjectBody(ctx) as { name?: string };
      if (!name || !setCredentials(ctx.state, name))
        throw new HttpError(404, 'NOT_FOUND', `No connection or activation target named ${String(name)}.`);
      sendJson(ctx.res, 200, { ok: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__emulator\/refresh\/?$/,
    handler: (ctx): void => {
      // a person refreshes a data stream in Setup, as runbooks do for CRM streams the API will not run
      const { stream } = requireObjectBody(ctx) as { stream?: string };
      if (!stream || !refreshInSetup(ctx.state, stream))
        throw new HttpError(404, 'NOT_FOUND', `No live data stream named ${String(stream)}.`);
      sendJson(ctx.res, 200, { ok: true });
    },
  },
];
