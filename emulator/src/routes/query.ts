/*
 * The SOQL subset clients need: the CLI's login queries, BackgroundOperation by id, DataKitDeploymentLog by
 * job, flow interview or kit. Grammar: SELECT f[, f] FROM Obj [WHERE c [AND c]] [ORDER BY f [ASC|DESC]] [LIMIT n],
 * with c one of  F = 'v' | F != 'v' | F = null | F != null | F IN ('a', 'b'). A selected field may follow one
 * relationship (CreatedBy.Username): the answer nests it as the platform does, `{"CreatedBy": {"Username": ...}}`.
 */
import { HttpError, respond, type Route, type RouteContext } from '../http.js';
import type { EmulatorState } from '../state.js';
import type { DeployLog } from '../types.js';

type Row = Record<string, unknown>;
type Condition = { field: string; op: '=' | '!=' | 'IN'; values: Array<string | null> };
export type ParsedQuery = {
  fields: string[];
  object: string;
  where: Condition[];
  orderBy?: { field: string; desc: boolean };
  limit?: number;
};

const QUERY =
  /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+(\w+)(?:\s+(ASC|DESC))?)?(?:\s+LIMIT\s+(\d+))?\s*$/i;
const CONDITION = /^(\w+)\s*(=|!=|IN)\s*(null|'(?:[^'\\]|\\.)*'|\((?:\s*'(?:[^'\\]|\\.)*'\s*,?)+\))$/i;

export function parseSoql(q: string): ParsedQuery {
  const m = QUERY.exec(q);
  if (!m) throw new HttpError(400, 'MALFORMED_QUERY', `unexpected token in query: ${q.slice(0, 80)}`);
  const where = m[3] ? m[3].split(/\s+AND\s+/i).map(parseCondition) : [];
  return {
    fields: m[1].split(',').map((f) => f.trim()),
    object: m[2],
    where,
    orderBy: m[4] ? { field: m[4], desc: (m[5] ?? '').toUpperCase() === 'DESC' } : undefined,
    limit: m[6] ? Number(m[6]) : undefined,
  };
}

function parseCondition(text: string): Condition {
  const m = CONDITION.exec(text.trim());
  if (!m) throw new HttpError(400, 'MALFORMED_QUERY', `unexpected condition: ${text}`);
  const op = m[2].toUpperCase() as Condition['op'];
  const raw = m[3];
  const values =
    raw.toLowerCase() === 'null'
      ? [null]
      : [...raw.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((v) => v[1].replace(/\\'/g, "'"));
  return { field: m[1], op, values };
}

function matches(row: Row, c: Condition): boolean {
  const actual = row[c.field] ?? null;
  const eq = (v: string | null): boolean =>
    v === null
      ? actual === null
      : typeof actual === 'string' && (c.field === 'Id' ? actual.slice(0, 15) === v.slice(0, 15) : actual === v);
  if (c.op === '!=') return !eq(c.values[0]);
  return c.values.some(eq);
}

function rowsOf(state: EmulatorState, object: string, tooling: boolean): Row[] {
  switch (object.toLowerCase()) {
    case 'organization':
      return [
        {
          Id: state.identity.orgId,
          Name: state.identity.orgName,
          InstanceName: 'EMU1',
          IsSandbox: state.options.isSandbox,
          TrialExpirationDate: null,
          NamespacePrefix: null,
          OrganizationType: 'Developer Edition',
        },
      ];
    case 'scratchorginfo':
      // any 4xx tells the CLI this org is not a Dev Hub
      throw new HttpError(400, 'INVALID_TYPE', "sObject type 'ScratchOrgInfo' is not supported.");
    case 'sandboxprocess':
      if (tooling) return [];
      break;
    case 'backgroundoperation':
      // flow interviews have no BackgroundOperation; some orgs keep none for Connect jobs either (profile)
      if (state.options.backgroundOperation === 'absent') return [];
      return [...state.jobs.values()]
        .filter((j) => j.kind !== 'flow')
        .map((j) => ({
          Id: j.id,
          Name: `DataKit ${j.kind}: ${j.kit}`,
          Status: j.status,
          Error: j.error ?? null,
          CreatedDate: new Date(j.createdAt).toISOString().replace('Z', '+0000'),
        }));
    case 'datakitdeploymentlog':
      return state.logs as unknown as Row[];
    default:
      break;
  }
  throw new HttpError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported.`);
}

/** The columns of DataKitDeploymentLog (the DeployLog rows), less what the org's profile does not have. */
function logColumns(state: EmulatorState): Set<string> {
  const sample: Record<keyof DeployLog, true> = {
    Id: true,
    Name: true,
    DataKitName: true,
    DataSpaceName: true,
    ComponentName: true,
    ComponentType: true,
    DeploymentStatus: true,
    DeploymentError: true,
    DeploymentAction: true,
    DeployJob: true,
    JobIdentifier: true,
    FlowInterviewIdentifier: true,
    CreatedDate: true,
    CreatedById: true,
  };
  const columns = new Set(Object.keys(sample));
  if (state.options.logAction === 'absent') columns.delete('DeploymentAction');
  return columns;
}

/** As an org answers a column its object does not have. */
function checkColumns(state: EmulatorState, parsed: ParsedQuery): void {
  if (parsed.object.toLowerCase() !== 'datakitdeploymentlog') return;
  const columns = logColumns(state);
  const used = [
    ...parsed.fields,
    ...parsed.where.map((c) => c.field),
    ...(parsed.orderBy ? [parsed.orderBy.field] : []),
  ];
  const unknown = used.find((f) => !f.includes('.') && !columns.has(f));
  if (unknown)
    throw new HttpError(400, 'INVALID_FIELD', `No such column '${unknown}' on entity 'DataKitDeploymentLog'.`);
}

/** A field, or a relationship's field: CreatedBy.Username reads the User the row's CreatedById names. */
function valueOf(state: EmulatorState, row: Row, field: string): unknown {
  const [relation, inner] = field.split('.');
  if (!inner) return row[field] ?? null;
  if (relation !== 'CreatedBy') throw new HttpError(400, 'INVALID_FIELD', `No such relation '${relation}'.`);
  const user = state.user(String(row.CreatedById ?? ''));
  return user ? { attributes: { type: 'User' }, [inner]: user[inner as keyof typeof user] ?? null } : null;
}

export function runQuery(
  state: EmulatorState,
  q: string,
  tooling = false
): { totalSize: number; done: boolean; records: Row[]; nextRecordsUrl?: string } {
  const parsed = parseSoql(q);
  checkColumns(state, parsed);
  let rows = rowsOf(state, parsed.object, tooling).filter((r) => parsed.where.every((c) => matches(r, c)));
  if (parsed.orderBy) {
    const { field, desc } = parsed.orderBy;
    rows = [...rows].sort((a, b) => String(a[field] ?? '').localeCompare(String(b[field] ?? '')) * (desc ? -1 : 1));
  }
  if (parsed.limit !== undefined) rows = rows.slice(0, parsed.limit);
  const records = rows.map((r) => ({
    attributes: {
      type: parsed.object,
      url: `/services/data/v${state.options.maxApiVersion}/sobjects/${parsed.object}/${String(r.Id)}`,
    },
    ...Object.fromEntries(parsed.fields.map((f) => [f.split('.')[0], valueOf(state, r, f)])),
  }));
  // answers come in batches of 2000 rows, the rest behind nextRecordsUrl (the REST API's default batch size)
  if (records.length <= BATCH) return { totalSize: records.length, done: true, records };
  return { totalSize: records.length, ...batchOf(state, records, 0) };
}

const BATCH = 2000;

function batchOf(
  state: EmulatorState,
  records: Row[],
  from: number
): { done: boolean; records: Row[]; nextRecordsUrl?: string } {
  const next = from + BATCH;
  if (next >= records.length) return { done: true, records: records.slice(from) };
  const cursor = state.newId('01g', 15);
  state.queryCursors.set(cursor, records);
  return {
    done: false,
    records: records.slice(from, next),
    nextRecordsUrl: `/services/data/v${state.options.maxApiVersion}/query/${cursor}-${next}`,
  };
}

function queryMore(ctx: RouteContext, m: RegExpExecArray): void {
  const records = ctx.state.queryCursors.get(m[1]);
  if (!records) throw new HttpError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  respond(ctx, 'queryMore', 200, { totalSize: records.length, ...batchOf(ctx.state, records, Number(m[2])) });
}

function query(ctx: RouteContext, m: RegExpExecArray): void {
  const q = ctx.url.searchParams.get('q');
  if (!q) throw new HttpError(400, 'MALFORMED_QUERY', 'q is required');
  const result = runQuery(ctx.state, q, Boolean(m[1]));
  respond(ctx, `query:${parseSoql(q).object}`, 200, result);
}

export const queryRoutes: Route[] = [
  { method: 'GET', pattern: /^\/services\/data\/v[\d.]+\/(tooling\/)?query\/?$/, handler: query },
  { method: 'GET', pattern: /^\/services\/data\/v[\d.]+\/query\/(01g\w+)-(\d+)\/?$/, handler: queryMore },
];
