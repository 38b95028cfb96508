/*
 * DataKitClient: one method per Data Kit endpoint. The only module that knows URLs.
 */
import type { Org } from '@salesforce/core';
import { SfError } from '@salesforce/core';
import { ApiError } from './errors.js';
import { HttpTransport, type HttpRequest, type RetryPolicy } from './transport.js';
import type {
  AvailableComponentsQuery,
  BackgroundOperationRecord,
  ComponentDeploymentStatus,
  DataKitAsyncRepresentation,
  DataKitComponentCollection,
  DataKitComponentDependencyCollection,
  DataKitComponentInput,
  DataKitDeployComponent,
  DataKitDeploymentLogRecord,
  DataKitDetails,
  DataKitInputRepresentation,
  DataKitMembersList,
  DataKitOutputRepresentation,
  DataKitRepresentation,
  FlowActionResult,
  FlowComponentInput,
  QueryResult,
} from './types.js';

/** First API version of each resource (data-kit-api.md section 2 table). */
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
} as const;

export const PAGE_SIZE = 200;
const FLOW_ACTION = 'sfdatakit__DeployDataKitComponents';

const enc = encodeURIComponent;
const soqlString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export class DataKitClient {
  public constructor(private readonly transport: HttpTransport, public readonly apiVersion: string) {}

  /** A client on the org's connection, at --api-version when given. */
  public static forOrg(org: Org, apiVersion?: string, policy?: RetryPolicy): DataKitClient {
    const conn = org.getConnection(apiVersion);
    const transport = new HttpTransport(
      {
        instanceUrl: conn.instanceUrl,
        accessToken: () => conn.accessToken ?? undefined,
        refresh: async () => {
          await org.refreshAuth();
        },
      },
      policy
    );
    return new DataKitClient(transport, conn.getApiVersion());
  }

  public get requestCount(): number {
    return this.transport.requestCount;
  }

  public async listKits(namespace?: string): Promise<DataKitDetails[]> {
    try {
      const out = await this.call<DataKitOutputRepresentation>('list', { method: 'GET', path: this.ssot('/data-kits'), query: { namespace } });
      return out?.dataKitDetails ?? [];
    } catch (e) {
      // the collection itself cannot be missing: a 404 here means the org has no Data Kit API
      if (e instanceof ApiError && e.status === 404) {
        throw new SfError(
          `This org has no Data Kit API at version ${this.apiVersion}: Data Cloud is not enabled here, or your user cannot use it.`,
          'DataCloudNotAvailable',
          ['Check that Data Cloud is provisioned in this org and that you have the Data Cloud Architect permission set, then rerun the command.'],
          1,
          e
        );
      }
      throw e;
    }
  }

  public createKit(input: DataKitInputRepresentation): Promise<DataKitRepresentation> {
    return this.call('create', { method: 'POST', path: this.ssot('/data-kits'), body: input });
  }

  /** Replaces the kit's whole component set (the API's destructive sync). */
  public replaceComponents(kit: string, components: DataKitComponentInput[]): Promise<DataKitRepresentation> {
    return this.call('update', { method: 'PATCH', path: this.ssot(`/data-kits/${enc(kit)}`), body: { components } });
  }

  public async deleteKit(kit: string): Promise<void> {
    await this.call('delete', { method: 'DELETE', path: this.ssot(`/data-kits/${enc(kit)}`) });
  }

  public async availableComponents(query: AvailableComponentsQuery): Promise<DataKitComponentInput[]> {
    const out = await this.call<DataKitComponentCollection>('available', {
      method: 'GET',
      path: this.ssot('/data-kits/available-components'),
      query: { limit: PAGE_SIZE, offset: 0, ...query },
    });
    return out?.components ?? [];
  }

  /** Every page of available-components: the API has no next-page link, so page until a short page. */
  public async allAvailableComponents(query: Omit<AvailableComponentsQuery, 'limit' | 'offset'>): Promise<DataKitComponentInput[]> {
    const all: DataKitComponentInput[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      // eslint-disable-next-line no-await-in-loop -- pages are sequential by design
      const page = await this.availableComponents({ ...query, limit: PAGE_SIZE, offset });
      all.push(...page);
      if (page.length < PAGE_SIZE) return all;
    }
  }

  public async manifest(kit: string): Promise<DataKitMembersList> {
    // singular "datakit": the plural path is not a resource (section 2.7)
    return (await this.call<DataKitMembersList>('manifest', { method: 'GET', path: this.ssot(`/datakit/${enc(kit)}/manifest`) })) ?? {};
  }

  /** Starts a deploy. Standard kits send their components; DevOps kits send an empty body. */
  public async deploy(kit: string, components: DataKitDeployComponent[] | undefined, dataSpace?: string): Promise<string> {
    const out = await this.startJob(
      { method: 'POST', path: this.ssot(`/data-kits/${enc(kit)}`), query: { asyncMode: true, dataspace: dataSpace }, body: components ? { components } : {} },
      'deploy',
      kit
    );
    return this.jobIdOf(out, 'deploy');
  }

  /** Starts an undeploy; the org removes components in the order given. */
  public async undeploy(kit: string, components: Array<{ type: string; name: string }>, dataSpace?: string): Promise<string> {
    const out = await this.startJob(
      { method: 'POST', path: this.ssot(`/data-kits/${enc(kit)}/undeploy`), query: { asyncMode: true, dataspace: dataSpace }, body: { components } },
      'undeploy',
      kit
    );
    return this.jobIdOf(out, 'undeploy');
  }

  public async dependencies(kit: string, component: { type: string; name: string }, dataSpace?: string): Promise<Array<{ type: string; name: string }>> {
    const out = await this.call<DataKitComponentDependencyCollection>('dependencies', {
      method: 'GET',
      path: this.ssot(`/data-kits/${enc(kit)}/components/${enc(component.name)}/dependencies`),
      query: { componentType: component.type, dataspace: dataSpace },
    });
    return (out?.componentDependencies ?? []).map((d) => ({ type: d.type, name: d.name }));
  }

  /** Per-component status; a component that is not deployed answers either an empty list or 404 (section 9.6). */
  public async deploymentStatus(kit: string, component: string): Promise<ComponentDeploymentStatus> {
    try {
      return (
        (await this.call<ComponentDeploymentStatus>('status', {
          method: 'GET',
          path: this.ssot(`/data-kits/${enc(kit)}/components/${enc(component)}/deployment-status`),
        })) ?? {}
      );
    } catch (e) {
      if (e instanceof SfError && (e.data as { status?: number } | undefined)?.status === 404 && /not deployed/i.test(e.message)) {
        return { componentDetails: [], status: { code: 'NOT_DEPLOYED' } };
      }
      throw e;
    }
  }

  /**
   * Whether a data space exists. GUESS: the REST twin of the Apex ConnectApi.CdpDataSpace.getDataSpace(idOrName)
   * (API 62.0); the Data Kit research has no data space endpoint.
   */
  public async dataSpaceExists(name: string): Promise<boolean> {
    try {
      await this.call('dataSpace', { method: 'GET', path: this.ssot(`/data-spaces/${enc(name)}`) });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return false;
      throw e;
    }
  }

  public async query<T>(soql: string): Promise<T[]> {
    const out = await this.call<QueryResult<T>>(undefined, { method: 'GET', path: `${this.base()}/query`, query: { q: soql } });
    return out?.records ?? [];
  }

  public async backgroundOperation(jobId: string): Promise<BackgroundOperationRecord | undefined> {
    const rows = await this.query<BackgroundOperationRecord>(
      `SELECT Id, Status, Error, CreatedDate FROM BackgroundOperation WHERE Id = ${soqlString(jobId)}`
    );
    return rows[0];
  }

  /** Deployment log rows of a Connect job (JobIdentifier) or a flow interview (FlowInterviewIdentifier). */
  public deploymentLogs(by: { jobId: string } | { interviewId: string }): Promise<DataKitDeploymentLogRecord[]> {
    const where = 'jobId' in by ? `JobIdentifier = ${soqlString(by.jobId)}` : `FlowInterviewIdentifier = ${soqlString(by.interviewId)}`;
    return this.query<DataKitDeploymentLogRecord>(
      'SELECT Id, DataKitName, ComponentName, ComponentType, DeploymentStatus, DeploymentError, JobIdentifier, ' +
        `FlowInterviewIdentifier, CreatedDate FROM DataKitDeploymentLog WHERE ${where} ORDER BY CreatedDate ASC`
    );
  }

  /** The legacy flow-based unwrap (section 6); answers the interview GUID. */
  public async runUnwrapFlow(kit: string, components: FlowComponentInput[], dataSpace?: string): Promise<string> {
    const out = await this.call<FlowActionResult[] | FlowActionResult>('flow', {
      method: 'POST',
      path: `${this.base()}/actions/custom/flow/${FLOW_ACTION}`,
      body: { inputs: [{ dataKitNameInput: kit, dataKitComponentsInput: components, ...(dataSpace ? { dataKitDataSpaceInput: dataSpace } : {}) }] },
    });
    const result = Array.isArray(out) ? out[0] : out;
    const guid = result?.outputValues?.Flow__InterviewGuid;
    if (!result?.isSuccess || !guid) {
      const reasons = (result?.errors ?? []).map((e) => (typeof e === 'string' ? e : e.message ?? e.statusCode ?? '')).join('; ');
      throw new SfError(`The unwrap flow did not start for data kit ${kit}: ${reasons || 'no reason given'}`, 'UnwrapFlowFailed', [
        'Check that every component in the kit exists in this org, then rerun "sf datakit unwrap".',
      ]);
    }
    return guid;
  }

  public supports(resource: keyof typeof MIN_VERSION): boolean {
    return Number(this.apiVersion) >= MIN_VERSION[resource];
  }

  private base(): string {
    return `/services/data/v${this.apiVersion}`;
  }

  private ssot(path: string): string {
    return `${this.base()}/ssot${path}`;
  }

  /** A start request that failed without a clear answer may still have started the job: say how to check. */
  private async startJob(req: HttpRequest, resource: 'deploy' | 'undeploy', kit: string): Promise<DataKitAsyncRepresentation> {
    try {
      return await this.call<DataKitAsyncRepresentation>(resource, req);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.name === 'MALFORMED_RESPONSE')) {
        e.actions = [
          `The org may have started the ${resource} anyway. Check with "sf datakit status --name ${kit}" before retrying; a second job is refused while one runs, and its error names the running job id.`,
        ];
      }
      throw e;
    }
  }

  private jobIdOf(out: DataKitAsyncRepresentation | undefined, what: string): string {
    if (!out?.jobId) throw new SfError(`The org accepted the ${what} but returned no job id.`, 'MissingJobId', ['Run "sf datakit status" to see where the kit stands.']);
    return out.jobId;
  }

  private call<T>(resource: keyof typeof MIN_VERSION | undefined, req: HttpRequest): Promise<T> {
    if (resource && !this.supports(resource)) {
      const min = `${MIN_VERSION[resource]}.0`;
      return Promise.reject(
        new SfError(`This needs API version ${min} or later, but the command is using ${this.apiVersion}.`, 'ApiVersionTooLow', [
          `Rerun with --api-version ${min} (or later), or set it for the project with "sf config set org-api-version=${min}".`,
        ])
      );
    }
    return this.transport.request<T>(req);
  }
}
