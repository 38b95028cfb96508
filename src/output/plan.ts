/*
 * The deploy plan of --dry-run as a table: each component in order, where it stands now, what the deploy would do
 * with it, and what it needs.
 */
import { Messages } from '@salesforce/core';
import type { DeployPlan, PlanValidation } from '../deploy/plan.js';
import type { TableColumn } from '../shared/ux.js';
import { column } from './columns.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy');

export function planTable(
  plan: DeployPlan,
  validation: PlanValidation
): { rows: Array<Record<string, unknown>>; columns: TableColumn[] } {
  return {
    rows: plan.steps.map((s, i) => ({
      ...s,
      status: validation.checks[i].currentStatus,
      action: validation.checks[i].action,
      needs: validation.checks[i].needs.join(', '),
    })),
    columns: [
      column('order', 'number'),
      column('type'),
      column('name'),
      column('status', 'statusNow'),
      column('action'),
      column('needs'),
    ],
  };
}

/** One line per problem found by the dry run, as the user reads it. */
export const planProblemLine = (p: PlanValidation['problems'][number]): string =>
  messages.getMessage(p.severity === 'error' ? 'info.problem' : 'info.note', [p.message]);
