/*
 * Unwrapping: making a kit that arrived by metadata (deploy or package install) live in Data Cloud.
 * Prefers the Connect deploy (API 64.0+); falls back to the legacy flow action (61.0+) when the connection's
 * version is older or the org has no Connect deploy. Running it twice is safe: components already ACTIVE are
 * left alone, and a kit that is fully active is not deployed again.
 */
import { isDevOpsType } from '../api/componentTypes.js';
import type { OrgWriter } from '../api/writer.js';
import { ApiError } from '../api/errors.js';
import type { DataKitDetails } from '../api/types.js';
import { credentialChecklist, type ChecklistItem } from '../kits/checklist.js';
import { kitComponents, type KitComponent } from '../kits/components.js';
import { componentStatuses } from '../kits/status.js';
import { deployComponent, isDeployable, type ConfigOverrides } from '../deploy/config.js';
import { startKitDeploy } from '../deploy/start.js';
import type { JobSource, Ref } from '../deploy/types.js';
import { toFlowInput } from './flowInputs.js';

export type UnwrapMethod = 'auto' | 'connect' | 'flow';

export type UnwrapStart =
  | {
      started: true;
      method: 'connect' | 'flow';
      jobId: string;
      source: JobSource;
      expected: Ref[];
      alreadyActive: Ref[];
      checklist: ChecklistItem[];
      dataSpace: string;
    }
  | { started: false; alreadyActive: Ref[]; checklist: ChecklistItem[]; dataSpace: string };

/**
 * Which components to deploy beyond those not active yet: `redeploy` names active ones whose templates changed
 * (a promotion brought new content); `only` limits the unwrap to these (a selective promotion). Keys: "Type:Name".
 */
export type UnwrapSelection = { redeploy?: ReadonlySet<string>; only?: ReadonlySet<string> };

export async function startUnwrap(
  client: OrgWriter,
  kit: DataKitDetails,
  opts: {
    orgId: string;
    dataSpace?: string;
    overrides?: ConfigOverrides;
    method?: UnwrapMethod;
    /** hears which body a DevOps kit's org took */
    note?: (text: string) => void;
  } & UnwrapSelection
): Promise<UnwrapStart> {
  const dataSpace = opts.dataSpace ?? kit.dataSpaceName ?? 'default';
  const ctx = { kit: kit.developerName, dataSpace, orgId: opts.orgId };
  // a selection may name a DLO by its API name (content, compare) or by the kit's own name (F2)
  const picked = (set: ReadonlySet<string>, c: KitComponent): boolean =>
    [c.name, c.apiName].some((n) => n !== undefined && set.has(`${c.type}:${n}`));
  const components = kitComponents(kit).filter((c) => !opts.only || picked(opts.only, c));
  const deployable = components.filter((c) => isDeployable(c.type));
  const configs = new Map(deployable.map((c) => [c.name, deployComponent(c, ctx, opts.overrides)]));
  const checklist = credentialChecklist(components, configs, dataSpace);

  const statuses = await componentStatuses(client, kit.developerName, deployable);
  const settled = (c: KitComponent, i: number): boolean =>
    statuses[i].status === 'ACTIVE' && !(opts.redeploy && picked(opts.redeploy, c));
  const alreadyActive = deployable.filter(settled).map(({ type, name }) => ({ type, name }));
  const pending = deployable.filter((c, i) => !settled(c, i));
  if (pending.length === 0) return { started: false, alreadyActive, checklist, dataSpace };

  const body = pending.map((c) => configs.get(c.name)!);
  // a DevOps kit deploys whole from an empty body: a selection is sent as a body (what the API does with it is open)
  const devOps = isDevOpsType(kit.dataKitType) && !opts.only;
  const expected = (devOps ? deployable : pending).map(({ type, name, apiName }) => ({
    type,
    name,
    ...(apiName ? { apiName } : {}),
  }));
  const method = opts.method ?? 'auto';
  const useFlow = method === 'flow' || (method === 'auto' && !client.supports('deploy'));
  if (!useFlow) {
    try {
      // DevOps kits deploy whole; standard kits send only what is not active yet
      const jobId = await startKitDeploy(
        client,
        kit.developerName,
        devOps ? undefined : body,
        opts.dataSpace,
        opts.note ?? ((): void => {})
      );
      return {
        started: true,
        method: 'connect',
        jobId,
        source: { jobId },
        expected,
        alreadyActive,
        checklist,
        dataSpace,
      };
    } catch (e) {
      // an org without the Connect deploy answers 404: the flow still works there
      if (method === 'connect' || !(e instanceof ApiError) || e.status !== 404) throw e;
    }
  }
  const interviewId = await client.runUnwrapFlow(kit.developerName, body.map(toFlowInput), opts.dataSpace);
  return {
    started: true,
    method: 'flow',
    jobId: interviewId,
    source: { interviewId },
    expected,
    alreadyActive,
    checklist,
    dataSpace,
  };
}
