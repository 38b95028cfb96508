/*
 * What a deploy will send, in what order, and (for --dry-run) whether it can work: every dependency is earlier
 * in the kit or already deployed in the org, and no component is mid-deploy.
 */
import { Messages } from '@salesforce/core';
import { isDevOpsType } from '../api/componentTypes.js';
import type { DataKitClient } from '../api/client.js';
import type { DataKitDeployComponent, DataKitDetails } from '../api/types.js';
import { refKey } from '../kits/componentRef.js';
import { kitComponents, namesComponent, type KitComponent } from '../kits/components.js';
import { canAskDependencies, DependencyReader, type Ref } from '../kits/dependencies.js';
import type { Finding } from '../shared/findings.js';
import { deployComponent, isDeployable, type ConfigOverrides, type DeployContext } from './config.js';
import { existingLakeObjects } from './existingObjects.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'plan');

export type PlanStep = { order: number; type: string; name: string; label?: string; apiName?: string };

export type DeployPlan = {
  kit: string;
  /** Sandbox (DevOps) kits are deployed whole from an empty body; Standard kits send each component */
  devOps: boolean;
  dataSpace: string;
  steps: PlanStep[];
  /** data model objects: not deployed on their own, they come with their mappings */
  carried: Ref[];
  body?: DataKitDeployComponent[];
};

export type PlanCheck = {
  type: string;
  name: string;
  currentStatus: string;
  action: 'Deploy' | 'Redeploy' | 'Blocked';
  needs: string[];
};

export type PlanValidation = { checks: PlanCheck[]; problems: Finding[]; valid: boolean };

const key = (c: Ref): string => refKey(c);

export function planDeploy(kit: DataKitDetails, ctx: DeployContext, overrides?: ConfigOverrides): DeployPlan {
  const components = kitComponents(kit);
  const deployable = components.filter((c) => isDeployable(c.type));
  const devOps = isDevOpsType(kit.dataKitType);
  return {
    kit: kit.developerName,
    devOps,
    dataSpace: ctx.dataSpace,
    steps: deployable.map((c, i) => ({
      order: i + 1,
      type: c.type,
      name: c.name,
      label: c.label,
      ...(c.apiName ? { apiName: c.apiName } : {}),
    })),
    carried: components.filter((c) => !isDeployable(c.type)).map(({ type, name }) => ({ type, name })),
    body: devOps ? undefined : deployable.map((c) => deployComponent(c, ctx, overrides)),
  };
}

/** Dry run: reads dependencies and statuses, changes nothing. */
export async function validatePlan(
  client: DataKitClient,
  kit: DataKitDetails,
  plan: DeployPlan,
  allKits: DataKitDetails[]
): Promise<PlanValidation> {
  const components = kitComponents(kit);
  // the org names a DLO dependency by its API name, the kit by its kit name (F2): either is in the kit
  const inKit = (r: Ref): KitComponent | undefined => components.find((c) => namesComponent(c, r));
  const position = new Map(plan.steps.map((s, i) => [key(s), i]));
  const reader = new DependencyReader(client, plan.kit, plan.dataSpace);
  const problems: Finding[] = [];

  const checks = await Promise.all(
    plan.steps.map(async (step): Promise<PlanCheck> => {
      const [status, needs] = await Promise.all([
        client.deploymentStatus(plan.kit, step.name),
        canAskDependencies(step, true) ? reader.of(step) : Promise.resolve([] as Ref[]),
      ]);
      const currentStatus = status.code;
      const busy = currentStatus === 'PROCESSING' || currentStatus === 'DELETING';
      if (busy)
        problems.push({
          severity: 'error',
          check: 'busy',
          component: key(step),
          message: messages.getMessage('problem.busy', [key(step), currentStatus.toLowerCase()]),
        });
      return {
        type: step.type,
        name: step.name,
        currentStatus,
        action: busy ? 'Blocked' : currentStatus === 'NOT_DEPLOYED' ? 'Deploy' : 'Redeploy',
        needs: needs.map(key),
      };
    })
  );

  // dependencies: earlier in the kit, carried with the metadata, or already deployed in this org
  const elsewhere: Array<{ step: string; dep: Ref }> = [];
  for (const check of checks) {
    for (const depKey of check.needs) {
      const [type, ...rest] = depKey.split(':');
      const dep = { type, name: rest.join(':') };
      const member = inKit(dep);
      if (member && !isDeployable(member.type)) continue;
      if (member) {
        if ((position.get(key(member)) ?? -1) > (position.get(key(check)) ?? -1)) {
          problems.push({
            severity: 'error',
            check: 'order',
            component: key(check),
            message: messages.getMessage('problem.order', [key(check), depKey, key(check)]),
          });
        }
      } else if (!isDeployable(dep.type)) {
        problems.push({
          severity: 'warning',
          check: 'dependency',
          component: key(check),
          message: messages.getMessage('problem.outsideKit', [key(check), depKey]),
        });
      } else {
        elsewhere.push({ step: key(check), dep });
      }
    }
  }
  await Promise.all(
    elsewhere.map(async ({ step, dep }) => {
      const owners = allKits.filter(
        (k) => k.developerName !== plan.kit && k.components?.some((c) => c.developerName === dep.name)
      );
      const statuses = await Promise.all(
        owners.map(async (o) => ({
          kit: o.developerName,
          code: (await client.deploymentStatus(o.developerName, dep.name)).code,
        }))
      );
      const active = statuses.find((s) => s.code === 'ACTIVE');
      if (!active) {
        const hint = owners.length
          ? messages.getMessage('hint.deployOwner', [owners.map((o) => o.developerName).join(' or ')])
          : messages.getMessage('hint.addIt', [plan.kit, key(dep)]);
        problems.push({
          severity: 'error',
          check: 'missingDependency',
          component: step,
          message: messages.getMessage('problem.missingDependency', [step, key(dep), hint]),
        });
      }
    })
  );
  const fresh = components.filter((c) => checks.some((k) => k.name === c.name && k.currentStatus === 'NOT_DEPLOYED'));
  problems.push(...(await existingLakeObjects(client, fresh)));
  return { checks, problems, valid: !problems.some((p) => p.severity === 'error') };
}
