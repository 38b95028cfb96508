/*
 * What changes an org through the Data Cloud APIs: kits created, changed, deleted, deployed and undeployed, the
 * legacy unwrap flow, runs and publishes (they spend credits), and the org's connection for a metadata deploy.
 * An OrgWriter comes only from the protected-org gate (governance/gate.ts), together with the release it records:
 * a command that never passed the gate has no way to change an org (scripts/check-gate.ts keeps it so).
 */
import { Messages, SfError, type Connection, type Org } from '@salesforce/core';
import { ApiError } from './errors.js';
import { DataKitClient, LIVE, segment, transportFor } from './client.js';
import { readFlowResult, readRunStart } from './read.js';
import type {
  DataKitComponentInput,
  DataKitDeployComponent,
  DataKitInputRepresentation,
  Dependency,
  DevOpsBody,
  FlowComponentInput,
  LiveKind,
  RunOptions,
  RunStart,
} from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'api');

const FLOW_ACTION = 'sfdatakit__DeployDataKitComponents';

export class OrgWriter extends DataKitClient {
  private constructor(
    transport: ConstructorParameters<typeof DataKitClient>[0],
    apiVersion: string,
    private readonly org: Org
  ) {
    super(transport, apiVersion);
  }

  /** The gate's, and only the gate's (scripts/check-gate.ts): a writer on an org the gate approved. */
  public static approved(org: Org, apiVersion?: string): OrgWriter {
    const { transport, version } = transportFor(org, apiVersion);
    return new OrgWriter(transport, version, org);
  }

  /** The org's connection for a metadata deploy (retrieves need none of this: they read). */
  public metadataConnection(apiVersion?: string): Connection {
    return this.org.getConnection(apiVersion);
  }

  /** Creates a kit; the org's answer is not needed (the list is the truth), so it is not read. */
  public async createKit(input: DataKitInputRepresentation): Promise<void> {
    await this.call('create', { method: 'POST', path: this.ssot('/data-kits'), body: input });
  }

  /** Replaces the kit's whole component set (the API's destructive sync). */
  public async replaceComponents(kit: string, components: DataKitComponentInput[]): Promise<void> {
    await this.call('update', { method: 'PATCH', path: this.ssot(`/data-kits/${segment(kit)}`), body: { components } });
  }

  public async deleteKit(kit: string): Promise<void> {
    await this.call('delete', { method: 'DELETE', path: this.ssot(`/data-kits/${segment(kit)}`) });
  }

  /** Starts a deploy of a standard kit's components. */
  public deploy(kit: string, components: DataKitDeployComponent[], dataSpace?: string): Promise<string> {
    return this.postDeploy(kit, { components }, dataSpace);
  }

  /**
   * Starts a DevOps kit's deploy (the whole kit). The developer guide's body `{developerName}` first; an org that
   * refuses it before any work (JSON_PARSER_ERROR, INVALID_INPUT) gets `{}`, as Salesforce's installers send (F3).
   */
  public async deployDevOps(kit: string, dataSpace?: string): Promise<{ jobId: string; body: DevOpsBody }> {
    try {
      return { jobId: await this.postDeploy(kit, { developerName: kit }, dataSpace), body: 'developerName' };
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 400 && /JSON_PARSER_ERROR|INVALID_INPUT/.test(e.errorCode))) throw e;
      return { jobId: await this.postDeploy(kit, {}, dataSpace), body: 'empty' };
    }
  }

  /** Starts an undeploy; the org removes components in the order given. */
  public undeploy(kit: string, components: Dependency[], dataSpace?: string): Promise<string> {
    return this.startJob('undeploy', kit, {
      method: 'POST',
      path: this.ssot(`/data-kits/${segment(kit)}/undeploy`),
      query: { asyncMode: true, dataspace: dataSpace },
      body: { components },
    });
  }

  /**
   * Starts a resource's run (refresh, run, run-now, publish). Segments and activations are started by their id. The
   * body is always JSON (`{}`, or the transform definition): orgs refuse an action without one (G5).
   */
  public async startRun(kind: LiveKind, nameOrId: string, options: RunOptions = {}): Promise<RunStart> {
    const paths: Record<LiveKind, string> = {
      stream: `/data-streams/${segment(nameOrId)}/actions/run`,
      transform: `/data-transforms/${segment(nameOrId)}/actions/run`,
      insight: `/calculated-insights/${segment(nameOrId)}/actions/run`,
      identityResolution: `/identity-resolutions/${segment(nameOrId)}/actions/run-now`,
      segment: `/segments/${segment(nameOrId)}/actions/publish`,
      activation: `/activations/${segment(nameOrId)}/actions/publish`,
    };
    const body = options.definitionName ? { definitionName: options.definitionName } : {};
    const query = options.interactive ? { interactive: 'true' } : undefined;
    return readRunStart(
      await this.call(LIVE[kind].run, {
        method: 'POST',
        path: this.ssot(paths[kind]),
        body,
        ...(query ? { query } : {}),
      })
    );
  }

  /** The legacy flow-based unwrap (docs/api-notes.md §6.1); answers the interview GUID. */
  public async runUnwrapFlow(kit: string, components: FlowComponentInput[], dataSpace?: string): Promise<string> {
    const out = await this.call('flow', {
      method: 'POST',
      path: `${this.base()}/actions/custom/flow/${FLOW_ACTION}`,
      body: {
        inputs: [
          {
            dataKitNameInput: kit,
            dataKitComponentsInput: components,
            ...(dataSpace ? { dataKitDataSpaceInput: dataSpace } : {}),
          },
        ],
      },
    });
    const { guid, reasons } = readFlowResult(out);
    if (!guid) {
      throw new SfError(
        messages.getMessage('error.UnwrapFlowFailed', [
          kit,
          reasons.join('; ') || messages.getMessage('error.noReason'),
        ]),
        'UnwrapFlowFailed',
        messages.getMessages('error.UnwrapFlowFailed.actions')
      );
    }
    return guid;
  }
}
