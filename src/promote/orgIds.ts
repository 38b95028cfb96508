/*
 * A promotion carries templates exported from the source org, and with them that org's record ids (field reports
 * G2): a job in the target then fails ("Access denied — importDirectory does not belong to the current user")
 * until each is the target's own. Ids the plugin can map are rewritten in the retrieved files before any deploy:
 * a connection by its name in the target, a user to the user running the promotion there, the source org's own
 * id to the target's. Any other id is named, file and path, and stops the promotion unless --force.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import { recordIdsIn, rewriteIds, shortId, type FoundId } from '../content/recordIds.js';
import type { Finding } from '../shared/findings.js';
import { walkFiles } from '../source/kitSource.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');

/** An org as the id rebinding needs it. */
export type IdSide = { client: DataKitClient; label: string; orgId: string };

export type CarriedId = {
  id: string;
  /** what the id is in the source org */
  kind: 'user' | 'connection' | 'org' | 'unknown';
  /** a connection's name */
  name?: string;
  /** the target's id for it; absent when the target has none */
  to?: string;
  places: Array<Pick<FoundId, 'file' | 'path'>>;
};

const USER_PREFIX = '005';
const ORG_PREFIX = '00D';

/** What each source id stands for, and the target's id for it where there is one. */
async function mapped(
  id: string,
  source: IdSide,
  target: IdSide,
  runningUser: () => Promise<string | undefined>
): Promise<Pick<CarriedId, 'kind' | 'name' | 'to'>> {
  if (id.startsWith(USER_PREFIX)) return { kind: 'user', to: await runningUser() };
  if (id.startsWith(ORG_PREFIX))
    return shortId(id) === shortId(source.orgId) ? { kind: 'org', to: target.orgId } : { kind: 'unknown' };
  const connection = await source.client.connection(id).catch(() => undefined);
  if (!connection) return { kind: 'unknown' };
  const there = connection.connectorType
    ? await target.client.connections(connection.connectorType, connection.name).catch(() => [])
    : [];
  return { kind: 'connection', name: connection.name, to: there.find((c) => c.name === connection.name)?.id };
}

/** Finds the source's ids in the retrieved files and rewrites those the target has a counterpart for. */
export async function rebindOrgIds(dir: string, source: IdSide, target: IdSide): Promise<CarriedId[]> {
  const found = await recordIdsIn(dir, await walkFiles(dir));
  let user: Promise<string | undefined> | undefined;
  const runningUser = (): Promise<string | undefined> =>
    (user ??= target.client.runningUserId().catch(() => undefined));
  const byId = new Map<string, CarriedId>();
  for (const f of found) {
    const key = shortId(f.id);
    const known = byId.get(key) ?? { id: f.id, kind: 'unknown', places: [] };
    known.places.push({ file: f.file, path: f.path });
    byId.set(key, known);
  }
  const carried: CarriedId[] = [];
  for (const [key, c] of byId) {
    const m = await mapped(c.id, source, target, runningUser);
    // an id that is already the target's needs nothing
    if (m.to && shortId(m.to) === key) continue;
    carried.push({ ...c, ...m });
  }
  const to = new Map(carried.filter((c) => c.to).map((c) => [shortId(c.id), c.to!]));
  if (to.size) for (const file of await walkFiles(dir)) await rewriteIds(file, to);
  return carried;
}

const where = (c: CarriedId): string => c.places.map((p) => `${p.file} (${p.path})`).join(', ');

/** One finding per id: rewritten (a warning to read), or not mappable (an error: it stops the promotion). */
export function carriedIdFindings(carried: CarriedId[], source: IdSide, target: IdSide): Finding[] {
  return carried.map((c): Finding => {
    // a connection is named before the other org's side of the sentence
    const named = c.kind === 'connection' ? [c.name ?? '?'] : [];
    return c.to
      ? {
          severity: 'warning',
          check: 'orgIds',
          message: messages.getMessage(`orgIds.rewritten.${c.kind}`, [c.id, where(c), source.label, ...named, c.to]),
        }
      : {
          severity: 'error',
          check: 'orgIds',
          message: messages.getMessage(`orgIds.unmapped.${c.kind}`, [
            c.id,
            where(c),
            source.label,
            ...named,
            target.label,
          ]),
        };
  });
}
