/*
 * .sfdatakit/environments.json, committed with the project: each org's role, its place in the promotion order,
 * the --config-file its connections need, and whether it is protected. Commands work as before without it.
 * It arrives with pull requests like any file, and it guards production: a file that does not hold up stops the
 * commands that change orgs (exit 1) rather than being half-read, because a protection silently lost is worse
 * than a refused command.
 */
import { lstat, readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { Messages, SfError, StateAggregator, type Org } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'governance');

export const ENVIRONMENTS_FILE = join('.sfdatakit', 'environments.json');
const MAX_BYTES = 256 * 1024;

export type Environment = {
  /** the sf alias the org is logged in under, e.g. "prod" */
  alias: string;
  role?: string;
  /** place in the promotion order: dev 1, uat 2, prod 3 */
  order?: number;
  /** the --config-file its connections need, relative to the project */
  configFile?: string;
  protected?: boolean;
  /** to recognise the org where aliases differ (CI runners): its username, its org id or its instance URL */
  username?: string;
  orgId?: string;
  instanceUrl?: string;
};

/** Every key an entry may have: any other (a "protect": true typo) is refused, never ignored. */
const KEYS = ['alias', 'role', 'order', 'configFile', 'protected', 'username', 'orgId', 'instanceUrl'];

export type Environments = { file?: string; list: Environment[] };

const ALIAS = /^[A-Za-z0-9][\w.@-]{0,79}$/;

function problemsOf(e: unknown, i: number): string[] {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return [messages.getMessage('problem.notObject', [i])];
  const v = e as Record<string, unknown>;
  const problems: string[] = [];
  const check = (ok: boolean, key: string): void => {
    if (!ok) problems.push(messages.getMessage('problem.field', [i, key]));
  };
  check(typeof v.alias === 'string' && ALIAS.test(v.alias), 'alias');
  check(v.role === undefined || (typeof v.role === 'string' && v.role.length <= 40), 'role');
  check(
    v.order === undefined || (Number.isInteger(v.order) && (v.order as number) >= 1 && (v.order as number) <= 100),
    'order'
  );
  check(v.protected === undefined || typeof v.protected === 'boolean', 'protected');
  check(v.username === undefined || typeof v.username === 'string', 'username');
  check(
    v.instanceUrl === undefined || (typeof v.instanceUrl === 'string' && /^https:\/\/\S+$/.test(v.instanceUrl)),
    'instanceUrl'
  );
  check(
    v.orgId === undefined || (typeof v.orgId === 'string' && /^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(v.orgId)),
    'orgId'
  );
  const file = v.configFile;
  check(
    file === undefined ||
      (typeof file === 'string' &&
        file.endsWith('.json') &&
        !isAbsolute(file) &&
        !normalize(file).split(/[\\/]/).includes('..')),
    'configFile'
  );
  return [...problems, ...unknownKeys(v, i)];
}

const unknownKeys = (v: Record<string, unknown>, i: number): string[] =>
  Object.keys(v)
    .filter((k) => !KEYS.includes(k))
    .map((key) => messages.getMessage('problem.unknownKey', [i, key, KEYS.join(', ')]));

/** Checks the parsed file; throws EnvironmentsFileRefused naming every problem. */
export function parseEnvironments(text: string, where: string): Environment[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw refused(where, [(e as Error).message]);
  }
  const list = (parsed as { environments?: unknown } | null)?.environments;
  if (!Array.isArray(list)) throw refused(where, [messages.getMessage('problem.noList')]);
  const problems = list.flatMap(problemsOf);
  const aliases = (list as Array<Partial<Environment> | null>).map((e) => e?.alias);
  const twice = aliases.filter((a, i) => a !== undefined && aliases.indexOf(a) !== i);
  if (twice.length) problems.push(messages.getMessage('problem.duplicate', [twice.join(', ')]));
  if (problems.length) throw refused(where, problems);
  return list as Environment[];
}

function refused(where: string, problems: string[]): SfError {
  return new SfError(
    messages.getMessage('error.EnvironmentsRefused', [where, problems.map((p) => `  - ${p}`).join('\n')]),
    'EnvironmentsRefused',
    messages.getMessages('error.EnvironmentsRefused.actions', [where]),
    1
  );
}

/** The project's environments; none (and no file) when there is no environments.json. */
export async function readEnvironments(root: string): Promise<Environments> {
  const file = join(root, ENVIRONMENTS_FILE);
  const info = await lstat(file).catch(() => undefined);
  if (!info) return { list: [] };
  if (!info.isFile()) throw refused(file, [messages.getMessage('problem.notFile')]);
  if (info.size > MAX_BYTES) throw refused(file, [messages.getMessage('problem.tooLarge')]);
  return { file, list: parseEnvironments(await readFile(file, 'utf8'), file) };
}

const sameUrl = (a: string, b: string): boolean =>
  a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/**
 * The environment an org is: every entry that names it (its alias, its username in any case, its org id or its
 * instance URL) counts, and the strictest wins: a production org pinned by its id stays protected when a CI runner
 * logs in to it under an alias another entry calls dev.
 */
export async function environmentOf(org: Org, envs: Environments): Promise<Environment | undefined> {
  if (envs.list.length === 0) return undefined;
  const username = (org.getUsername() ?? '').toLowerCase();
  const aliases = username ? (await StateAggregator.getInstance()).aliases.getAll(org.getUsername()!) : [];
  const orgId = org.getOrgId().slice(0, 15);
  const instanceUrl = org.getConnection().instanceUrl ?? '';
  const matching = envs.list.filter(
    (e) =>
      aliases.includes(e.alias) ||
      e.alias.toLowerCase() === username ||
      (e.username !== undefined && e.username.toLowerCase() === username) ||
      (e.orgId !== undefined && e.orgId.slice(0, 15) === orgId) ||
      (e.instanceUrl !== undefined && instanceUrl !== '' && sameUrl(e.instanceUrl, instanceUrl))
  );
  return matching.find((e) => e.protected) ?? matching[0];
}

/** The environments a promotion from `source` to `target` would skip, in order (none when it goes back). */
export function skippedStages(envs: Environments, source?: Environment, target?: Environment): Environment[] {
  if (source?.order === undefined || target?.order === undefined || target.order <= source.order) return [];
  return envs.list
    .filter((e) => e.order !== undefined && e.order > source.order! && e.order < target.order!)
    .sort((a, b) => a.order! - b.order!);
}

/** An environment's config file as a path: inside the project, checked when the file was read. */
export const configFileOf = (root: string, env?: Environment): string | undefined =>
  env?.configFile ? join(root, ...env.configFile.split(/[\\/]/)) : undefined;
