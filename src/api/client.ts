/*
 * DataKitClient: one method per Data Kit endpoint. The only module that knows URLs. Answers are read through
 * read.ts, so a missing or null field never reaches the rest of the plugin as a crash.
 */
import { Messages, SfError, type Org } from '@salesforce/core';
import { ApiError } from './errors.js';
import {
  readActivations,
  readActivationTargets,
  readCalculatedInsight,
  readComponentInputs,
  readConnections,
  readDataStream,
  readDataTransform,
  readDependencies,
  readDeploymentStatus,
  readDeployJob,
  readIdentityResolution,
  readJobId,
  readJobRecord,
  readKitList,
  readLogRow,
  readMembers,
  readNextRecords,
  readRecords,
  readRunStart,
  readSegment,
  readStreamTargets,
  readTransformRun,
} from './read.js';
import type { HttpRequest } from './request.js';
import { HttpTransport, type RetryPolicy } from './transport.js';
import type {
  AvailableComponentsQuery,
  ComponentStatusReading,
  DataConnection,
  DataKitComponentInput,
  DataKitDetails,
  Dependency,
  DeployJobReading,
  JobRecord,
  LiveKind,
  LiveResource,
  LogRow,
  ManifestMembers,
  RunStart,
  TransformRun,
} from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'api');

/** First API version of each resource (docs/api-notes.md §2). */
export const MIN_VERSION = {
  list: 63,
  create: 63,
  available: 63,
  manifest: 63,
  undeploy: 63,
  dependencies: 63,
  status: 62,
  update: 64,
  delete: 64,
  deploy: 64,
  flow: 61,
  dataSpace: 62,
  connections: 62,
  connectionTest: 62,
  stream: 60,
  streamRun: 62,
  transform: 60,
  insight: 57,
  identityResolution: 57,
  segment: 65,
  segmentPublish: 58,
  activations: 60,
  activationPublish: 66,
  activationTargets: 60,
  job: 64,
  dataLakeObject: 60,
} as const;

/** The job resource's paths, as seen in the field (docs/api-notes.md §11, F5); the spec lists none. */
const JOB_PATHS = ['/datakit-deployment-job/', '/data-kits/deployment-jobs/'];

/** How each kind of live resource is read, and started (run, refresh, publish): spec v67 (data-360-sdk). */
export const LIVE: Record<LiveKind, { read: keyof typeof MIN_VERSION; run: keyof typeof MIN_VERSION }> = {
  stream: { read: 'stream', run: 'streamRun' },
  transform: { read: 'transform', run: 'transform' },
  insight: { read: 'insight', run: 'insight' },
  identityResolution: { read: 'identityResolution', run: 'identityResolution' },
  segment: { read: 'segment', run: 'segmentPublish' },
  activation: { read: 'activations', run: 'activationPublish' },
};

export const PAGE_SIZE = 200;
/** The deployment log rows history reads at most, newest first: a kit of 1000 components deployed ten times. */
export const HISTORY_ROWS = 10_000;
/** Pages read of one list at most (20,000 items): a bound, said when reached, never a silent cut. */
const MAX_PAGES = 100;

/** A name as one URL path segment: "." and ".." would be collapsed into another resource by URL resolution. */
export function segment(name: string): string {
  if (name === '.' || name === '..' || name === '')
    throw new SfError(messages.getMessage('error.NotAName', [name]), 'InvalidName', undefined, 2);
  return encodeURIComponent(name);
}
const soqlString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A 404 that names the kit means the kit is gone; any other 404 on a component means it is not deployed. */
const kitMissing = (e: ApiError): boolean =>
  /PackageKitDefinition does not exist|data ?kit .*(not found|does not exist)/i.test(e.message);

/** The HTTP transport on an org's connection, and the API version it speaks. */
export function transportFor(
  org: Org,
  apiVersion?: string,
  policy?: RetryPolicy
): { transport: HttpTransport; version: string } {
  const conn = org.getConnection(apiVersion);
  const transport = new HttpTransport(
    {
      instanceUrl: conn.instanceUrl,
      accessToken: () => conn.accessToken ?? undefined,
      refresh: async (): Promise<void> => {
        await org.refreshAuth();
      },
    },
    policy
  );
  return { transport, version: conn.getApiVersion() };
}

export class DataKitClient {
  /** what this client had to work around on this org, in words for the user (F1) */
  public readonly fallbacks: string[] = [];
  /** the org answers the unfiltered kit list with 500: ask with namespace (F1) */
  private listNeedsNamespace = false;
  /** whether GET /ssot/data-kits/{kit} is a resource here: unknown until asked */
  private kitReadable?: boolean;
  /** the job resource's path here: unknown, one of JOB_PATHS, or null (none) */
  private jobPath?: string | null;
  private sandbox?: Promise<boolean | undefined>;

  public constructor(
    private readonly transport: HttpTransport,
    public readonly apiVersion: string
  ) {}

  public get requestCount(): number {
    return this.transport.requestCount;
  }

  /**
   * A client on the org's connection, at --api-version when given. It only reads: what changes an org is on
   * OrgWriter, which only the protected-org gate hands out (governance/gate.ts).
   */
  public static forOrg(org: Org, apiVersion?: string, policy?: RetryPolicy): DataKitClient {
    const { transport, version } = transportFor(org, apiVersion, policy);
    return new DataKitClient(transport, version);
  }

  /**
   * Every kit. Some orgs answer the unfiltered list with 500 (F1): then the list is read again with an empty
   * namespace, which they answer, and the client says so in `fallbacks`.
   */
  public async listKits(namespace?: string): Promise<DataKitDetails[]> {
    if (namespace !== undefined || this.listNeedsNamespace) return this.listOnce(namespace ?? '');
    try {
      return await this.listOnce(undefined);
    } catch (e) {
      if (!(e instanceof ApiError && e.status >= 500)) throw e;
      const kits = await this.listOnce('').catch((again: Error) => {
        // the second answer keeps its status and next step; what the first one said comes with it
        const err = SfError.wrap(again);
        err.actions = [...(err.actions ?? []), ...messages.getMessages('error.KitListFailed.actions', [e.message])];
        throw err;
      });
      this.listNeedsNamespace = true;
      this.fallbacks.push(messages.getMessage('info.listWithNamespace', [e.message]));
      return kits;
    }
  }

  /**
   * One kit by name: GET /ssot/data-kits/{kit}, which real orgs answer with `{dataKitDetails: [kit]}` though the
   * spec lists no GET (F1). undefined when the org has no such kit; null when this org has no such resource.
   */
  public async readKit(kit: string): Promise<DataKitDetails | undefined | null> {
    if (this.kitReadable === false) return null;
    try {
      const found = readKitList(
        await this.call('list', { method: 'GET', path: this.ssot(`/data-kits/${segment(kit)}`) })
      );
      this.kitReadable = true;
      return found.find((k) => k.developerName === kit) ?? found[0];
    } catch (e) {
      if (!(e instanceof ApiError) || ![404, 405].includes(e.status)) throw e;
      if (e.status === 404 && kitMissing(e)) {
        this.kitReadable = true;
        return undefined;
      }
      this.kitReadable = false;
      return null;
    }
  }

  public async availableComponents(query: AvailableComponentsQuery): Promise<DataKitComponentInput[]> {
    const out = await this.call('available', {
      method: 'GET',
      path: this.ssot('/data-kits/available-components'),
      query: { limit: PAGE_SIZE, offset: 0, ...query },
    });
    return readComponentInputs(out);
  }

  /**
   * Every page of available-components: the API has no next-page link, so page until a short page. An org that
   * ignores offset answers the same page forever: a page seen before, or MAX_PAGES of them, ends the walk and the
   * client says so in `fallbacks` (the list may be incomplete).
   */
  public async allAvailableComponents(
    query: Omit<AvailableComponentsQuery, 'limit' | 'offset'>
  ): Promise<DataKitComponentInput[]> {
    // a short page ends the walk: count what the org sent, not what could be read
    const sent = (body: unknown): number => {
      const components = (body as { components?: unknown } | undefined)?.components;
      return Array.isArray(components) ? components.length : 0;
    };
    return this.pages('available', '/data-kits/available-components', readComponentInputs, 'limit', query, sent);
  }

  /** The kit's metadata members. The path is the singular "datakit": the plural one is not a resource (docs/api-notes.md §2.7). */
  public async manifest(kit: string): Promise<ManifestMembers[]> {
    return readMembers(
      await this.call('manifest', { method: 'GET', path: this.ssot(`/datakit/${segment(kit)}/manifest`) })
    );
  }

  /**
   * A kit job's own status (F5): the job resource at whichever path this org has it, remembered; undefined when
   * the org has none (then BackgroundOperation, the log and deployment-status tell).
   */
  public async deployJob(jobId: string): Promise<DeployJobReading | undefined> {
    if (this.jobPath === null || !this.supports('job')) return undefined;
    for (const path of this.jobPath ? [this.jobPath] : JOB_PATHS) {
      try {
        const reading = readDeployJob(
          await this.call('job', { method: 'GET', path: this.ssot(path + segment(jobId)) })
        );
        this.jobPath = path;
        return reading;
      } catch (e) {
        if (!(e instanceof ApiError && [404, 405].includes(e.status))) throw e;
        // at a path known to work, a 404 is this job's: the org keeps no such job there (yet)
        if (this.jobPath) return undefined;
      }
    }
    this.jobPath = null;
    return undefined;
  }

  /** Whether a DLO exists in this org: GET /ssot/data-lake-objects/{name} (spec v67), 404 when it does not. */
  public async dataLakeObjectExists(name: string): Promise<boolean> {
    try {
      await this.call('dataLakeObject', { method: 'GET', path: this.ssot(`/data-lake-objects/${segment(name)}`) });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return false;
      throw e;
    }
  }

  /** Every data stream with the DLO it writes (GET /ssot/data-streams, spec v67; every page). */
  public async streamTargets(): Promise<Array<{ stream: string; dlo: string }>> {
    const streams = await this.pages('stream', '/data-streams', readStreamTargets, 'limit');
    return streams.flatMap(({ stream, dlo }) => (stream && dlo ? [{ stream, dlo }] : []));
  }

  public async dependencies(kit: string, component: Dependency, dataSpace?: string): Promise<Dependency[]> {
    const out = await this.call('dependencies', {
      method: 'GET',
      path: this.ssot(`/data-kits/${segment(kit)}/components/${segment(component.name)}/dependencies`),
      query: { componentType: component.type, dataspace: dataSpace },
    });
    return readDependencies(out);
  }

  /** Per-component status. Not deployed answers either an empty list or 404 (docs/api-notes.md §2.10); a kit that is gone, KIT_NOT_FOUND. */
  public async deploymentStatus(kit: string, component: string): Promise<ComponentStatusReading> {
    try {
      return readDeploymentStatus(
        await this.call('status', {
          method: 'GET',
          path: this.ssot(`/data-kits/${segment(kit)}/components/${segment(component)}/deployment-status`),
        })
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return { code: kitMissing(e) ? 'KIT_NOT_FOUND' : 'NOT_DEPLOYED' };
      throw e;
    }
  }

  /** Whether a data space exists: GET /ssot/data-spaces/{idOrName} (spec v67), 404 when it does not. */
  public async dataSpaceExists(name: string): Promise<boolean> {
    try {
      await this.call('dataSpace', { method: 'GET', path: this.ssot(`/data-spaces/${segment(name)}`) });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return false;
      throw e;
    }
  }

  /**
   * The org's connections of one connector type, in the connections API's words (SalesforceDotCom, IngestApi,
   * StreamingApp, S3, ...), every page: GET /ssot/connections (connectorType and paging from API 62.0).
   */
  public async connections(connectorType: string, devName?: string): Promise<DataConnection[]> {
    return this.pages('connections', '/connections', readConnections, 'limit', { connectorType, devName });
  }

  /** One connection by its id (GET /ssot/connections/{id}); undefined when the org has none of that id. */
  public async connection(id: string): Promise<DataConnection | undefined> {
    try {
      const body = await this.call('connections', { method: 'GET', path: this.ssot(`/connections/${segment(id)}`) });
      return readConnections({ connections: [body] })[0];
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /**
   * Tests a connection's credentials (POST /ssot/connections/{id}/actions/test). INTERNAL_ERROR, as an error answer
   * or in the errors list, is how orgs say the test is not offered for the connector (G5): `unsupported`.
   */
  public async testConnection(id: string): Promise<RunStart> {
    let start: RunStart;
    try {
      start = readRunStart(
        await this.call('connectionTest', {
          method: 'POST',
          path: this.ssot(`/connections/${segment(id)}/actions/test`),
          body: {},
        })
      );
    } catch (e) {
      if (e instanceof ApiError && e.errorCode === 'INTERNAL_ERROR')
        return { started: false, unsupported: true, error: e.message };
      throw e;
    }
    return (start.error ?? '').includes('INTERNAL_ERROR') ? { ...start, unsupported: true } : start;
  }

  /** The running user's id, from the org's own identity service (userinfo): who the org says is asking. */
  public async runningUserId(): Promise<string | undefined> {
    const body = await this.call(undefined, { method: 'GET', path: '/services/oauth2/userinfo' });
    const id = (body as { user_id?: unknown } | undefined)?.user_id;
    return typeof id === 'string' && id ? id : undefined;
  }

  /** Organization.IsSandbox, asked once per client (an org's type does not change while a command runs). */
  public isSandbox(): Promise<boolean | undefined> {
    this.sandbox ??= this.query('SELECT IsSandbox FROM Organization').then((rows) => {
      const value = (rows[0] as { IsSandbox?: unknown } | undefined)?.IsSandbox;
      return typeof value === 'boolean' ? value : undefined;
    });
    return this.sandbox;
  }

  /**
   * A live resource by its name (undefined when the org has none: not deployed, or gone). Activations are found in
   * their list by developer name: the path takes an id.
   */
  public async liveResource(kind: LiveKind, name: string): Promise<LiveResource | undefined> {
    if (kind === 'activation') return (await this.activations()).find((a) => a.name === name);
    const paths: Record<Exclude<LiveKind, 'activation'>, string> = {
      stream: `/data-streams/${segment(name)}`,
      transform: `/data-transforms/${segment(name)}`,
      insight: `/calculated-insights/${segment(name)}`,
      identityResolution: `/identity-resolutions/${segment(name)}`,
      segment: `/segments/${segment(name)}`,
    };
    let body: unknown;
    try {
      body = await this.call(LIVE[kind].read, { method: 'GET', path: this.ssot(paths[kind]) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
    const readers = {
      stream: readDataStream,
      transform: readDataTransform,
      insight: readCalculatedInsight,
      identityResolution: readIdentityResolution,
      segment: readSegment,
    };
    return readers[kind](body, name);
  }

  /** A transform's newest run from its last ten (GET .../run-history, spec v62); undefined when it never ran. */
  public async transformRun(name: string): Promise<TransformRun | undefined> {
    return readTransformRun(
      await this.call('transform', {
        method: 'GET',
        path: this.ssot(`/data-transforms/${segment(name)}/run-history`),
        query: { limit: 10 },
      })
    );
  }

  public async activations(): Promise<LiveResource[]> {
    return this.pages('activations', '/activations', readActivations);
  }

  public async activationTargets(): Promise<LiveResource[]> {
    return this.pages('activationTargets', '/activation-targets', readActivationTargets);
  }

  /**
   * A kit's deployment log in this org, newest first (at most `limit` rows): who ran what, when, with what outcome,
   * whichever tool ran it. CreatedBy.Username names the person (docs/api-notes.md §3.2).
   */
  public async deploymentHistory(kit: string, limit = HISTORY_ROWS): Promise<LogRow[]> {
    const soql = (action: string): string =>
      `SELECT Id, DataKitName, ComponentName, ComponentType, DeploymentStatus, DeploymentError, ${action}` +
      'JobIdentifier, FlowInterviewIdentifier, CreatedDate, CreatedById, CreatedBy.Username ' +
      `FROM DataKitDeploymentLog WHERE DataKitName = ${soqlString(kit)} ORDER BY CreatedDate DESC LIMIT ${limit}`;
    // DeploymentAction is documented (Deploy, Undeploy; docs/api-notes.md §3.2); an org without it answers INVALID_FIELD
    const rows = await this.query(soql('DeploymentAction, ')).catch((e: unknown) => {
      if (e instanceof ApiError && e.errorCode === 'INVALID_FIELD') return this.query(soql(''));
      throw e;
    });
    return rows.map(readLogRow);
  }

  /** A query's rows, every batch (nextRecordsUrl), up to MAX_PAGES batches. */
  public async query(soql: string): Promise<unknown[]> {
    let body = await this.call(undefined, { method: 'GET', path: `${this.base()}/query`, query: { q: soql } });
    const rows = readRecords(body);
    for (let batch = 1; batch < MAX_PAGES; batch++) {
      const next = readNextRecords(body);
      if (!next) return rows;
      body = await this.call(undefined, { method: 'GET', path: next });
      rows.push(...readRecords(body));
    }
    return rows;
  }

  /** Deployment log rows of a Connect job (JobIdentifier) or a flow interview (FlowInterviewIdentifier), oldest first. */
  public async deploymentLogs(by: { jobId: string } | { interviewId: string }): Promise<LogRow[]> {
    const where =
      'jobId' in by
        ? `JobIdentifier = ${soqlString(by.jobId)}`
        : `FlowInterviewIdentifier = ${soqlString(by.interviewId)}`;
    const rows = await this.query(
      'SELECT Id, DataKitName, ComponentName, ComponentType, DeploymentStatus, DeploymentError, JobIdentifier, ' +
        `FlowInterviewIdentifier, CreatedDate FROM DataKitDeploymentLog WHERE ${where} ORDER BY CreatedDate ASC`
    );
    return rows.map(readLogRow);
  }

  public supports(resource: keyof typeof MIN_VERSION): boolean {
    return Number(this.apiVersion) >= MIN_VERSION[resource];
  }

  /** The BackgroundOperation of a Connect job; undefined when the org keeps none (some never do). */
  public async backgroundOperation(jobId: string): Promise<JobRecord | undefined> {
    const rows = await this.query(
      `SELECT Id, Status, Error, CreatedDate FROM BackgroundOperation WHERE Id = ${soqlString(jobId)}`
    );
    return rows.map(readJobRecord).find((r) => r !== undefined);
  }

  protected postDeploy(kit: string, body: object, dataSpace?: string): Promise<string> {
    return this.startJob('deploy', kit, {
      method: 'POST',
      path: this.ssot(`/data-kits/${segment(kit)}`),
      query: { asyncMode: true, dataspace: dataSpace },
      body,
    });
  }

  protected base(): string {
    return `/services/data/v${this.apiVersion}`;
  }

  protected ssot(path: string): string {
    return `${this.base()}/ssot${path}`;
  }

  /** A start that failed without a clear answer may still have started the job: say how to check. No id: the same. */
  protected async startJob(resource: 'deploy' | 'undeploy', kit: string, req: HttpRequest): Promise<string> {
    let out: unknown;
    try {
      out = await this.call(resource, req);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.name === 'MALFORMED_RESPONSE')) {
        e.actions = [messages.getMessage('error.MaybeStarted', [resource, kit])];
      }
      throw e;
    }
    const jobId = readJobId(out);
    if (!jobId)
      throw new SfError(
        messages.getMessage('error.MissingJobId', [resource, kit]),
        'MissingJobId',
        messages.getMessages('error.MissingJobId.actions', [kit])
      );
    return jobId;
  }

  protected call(resource: keyof typeof MIN_VERSION | undefined, req: HttpRequest): Promise<unknown> {
    if (resource && !this.supports(resource)) {
      const min = `${MIN_VERSION[resource]}.0`;
      return Promise.reject(
        new SfError(
          messages.getMessage('error.ApiVersionTooLow', [min, this.apiVersion]),
          'ApiVersionTooLow',
          messages.getMessages('error.ApiVersionTooLow.actions', [min, min])
        )
      );
    }
    return this.transport.request<unknown>(req);
  }

  private async listOnce(namespace: string | undefined): Promise<DataKitDetails[]> {
    try {
      return readKitList(
        await this.call('list', {
          method: 'GET',
          path: this.ssot('/data-kits'),
          query: { namespace },
          // an org that answers the unfiltered list with 500 does so every time: ask the other way at once
          noRetry: namespace === undefined,
        })
      );
    } catch (e) {
      // the collection itself cannot be missing: a 404 here means the org has no Data Kit API
      if (e instanceof ApiError && e.status === 404) {
        throw new SfError(
          messages.getMessage('error.DataCloudNotAvailable', [this.apiVersion]),
          'DataCloudNotAvailable',
          messages.getMessages('error.DataCloudNotAvailable.actions'),
          1,
          e
        );
      }
      throw e;
    }
  }

  /**
   * Every page of a list that pages with offset and a page size (batchSize, or limit); the API has no next-page
   * link, so a short page ends the walk (`sent` counts a page, by default what could be read). An org that ignores
   * offset answers the same page forever: a page seen before, or MAX_PAGES of them, ends the walk and the client says
   * so in `fallbacks` (the list may be incomplete).
   */
  private async pages<T>(
    resource: keyof typeof MIN_VERSION,
    path: string,
    read: (body: unknown) => T[],
    size: 'batchSize' | 'limit' = 'batchSize',
    query: HttpRequest['query'] = {},
    sent: (body: unknown, items: T[]) => number = (_, items): number => items.length
  ): Promise<T[]> {
    const all: T[] = [];
    const name = path.split('/').pop();
    let previous = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.call(resource, {
        method: 'GET',
        path: this.ssot(path),
        query: { ...query, [size]: PAGE_SIZE, offset: page * PAGE_SIZE },
      });
      const items = read(body);
      const count = sent(body, items);
      const key = JSON.stringify(items);
      if (page > 0 && count && key === previous) {
        this.fallbacks.push(messages.getMessage('info.repeatedPage', [name, page * PAGE_SIZE]));
        return all;
      }
      previous = key;
      all.push(...items);
      if (count < PAGE_SIZE) return all;
    }
    this.fallbacks.push(messages.getMessage('info.pageCap', [name, MAX_PAGES * PAGE_SIZE]));
    return all;
  }
}
