/*
 * The legacy unwrap: POST /actions/custom/flow/sfdatakit__DeployDataKitComponents (v61+, docs/api-notes.md §6.1, E11).
 * Answers with the invocable-action array; components then deploy one after another, logged with the
 * interview GUID.
 */
import { randomBytes } from 'node:crypto';
import { HttpError, requireObjectBody, respond, type Route, type RouteContext } from '../http.js';
import { startJob } from '../lifecycle.js';
import type { JobStep } from '../types.js';

const ACTION = 'sfdatakit__DeployDataKitComponents';
const NAME_KEYS = [
  'bundleName',
  'dataSourceObjectDevName',
  'dataTransformDevName',
  'apiName',
  'templateDevName',
  'name',
];

function actionResult(isSuccess: boolean, outputValues: unknown, errors: unknown): Record<string, unknown> {
  return { actionName: ACTION, errors, invocationId: null, isSuccess, outputValues, sortOrder: -1, version: 1 };
}

function runFlow(ctx: RouteContext): void {
  const body = requireObjectBody(ctx);
  if ('components' in body) throw new HttpError(400, 'INVALID_INPUT', 'Unknown input variable: components');
  const inputs = body.inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) throw new HttpError(400, 'INVALID_INPUT', 'inputs is required.');
  const results = inputs.map((input: Record<string, unknown>) => {
    const kitName = input?.dataKitNameInput;
    const kit = typeof kitName === 'string' ? ctx.state.kits.get(kitName) : undefined;
    if (!kit)
      return actionResult(false, null, [
        { statusCode: 'UNKNOWN_EXCEPTION', message: `Data kit not found: ${String(kitName)}` },
      ]);
    const components = input.dataKitComponentsInput;
    if (!Array.isArray(components) || components.length === 0) {
      return actionResult(false, null, [
        { statusCode: 'REQUIRED_FIELD_MISSING', message: 'dataKitComponentsInput is required.' },
      ]);
    }
    const steps: JobStep[] = [];
    for (const raw of components as Array<Record<string, unknown>>) {
      const config = Object.values(raw).find((v) => v !== null && typeof v === 'object') as
        | Record<string, unknown>
        | undefined;
      const name = NAME_KEYS.map((k) => config?.[k]).find((v) => typeof v === 'string');
      if (!name || !kit.components.some((c) => c.type === raw.componentType && c.info.name === name)) {
        return actionResult(false, null, [
          { statusCode: 'UNKNOWN_EXCEPTION', message: `${String(name)} does not exist in the Data kit` },
        ]);
      }
      steps.push({ type: String(raw.componentType), name, config });
    }
    const guid = `${randomBytes(17).toString('hex')}-${randomBytes(2).toString('hex')}`;
    const dataSpace = typeof input.dataKitDataSpaceInput === 'string' ? input.dataKitDataSpaceInput : 'default';
    startJob(ctx.state, { kind: 'flow', kit: kit.devName, dataSpace, steps, flowInterviewId: guid });
    return actionResult(true, { Flow__InterviewGuid: guid, Flow__InterviewStatus: 'Waiting' }, null);
  });
  respond(ctx, 'flow', 200, results);
}

export const flowRoutes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`^/services/data/v[\\d.]+/actions/custom/flow/${ACTION}/?$`),
    minVersion: 61,
    handler: runFlow,
  },
];
