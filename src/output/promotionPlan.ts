/*
 * The steps a promotion will take, as the numbered plan the command prints and returns.
 */
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');

/** `selected`: how many components a selective promotion carries; undefined for the whole kit. */
export function promotionSteps(from: string, to: string, targetHasKit: boolean, selected?: number): string[] {
  const deploy =
    selected === undefined
      ? messages.getMessage('plan.deploy', [
          to,
          messages.getMessage(targetHasKit ? 'plan.deploy.update' : 'plan.deploy.create'),
        ])
      : messages.getMessage('plan.deploySelected', [selected, to]);
  return [
    messages.getMessage('plan.retrieve', [from]),
    messages.getMessage('plan.clean'),
    deploy,
    messages.getMessage('plan.unwrap', [to]),
    messages.getMessage('plan.restore', [to]),
    messages.getMessage('plan.checklist', [to]),
  ];
}

/** The steps numbered, one per line, indented under the plan's title. */
export const numberedSteps = (steps: string[]): string => steps.map((p, i) => `  ${i + 1}. ${p}`).join('\n');
