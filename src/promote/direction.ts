/*
 * Which way a kit may travel, for what it holds (field reports G6): retrievers in a DevOps data kit deploy only from
 * a sandbox to its own production org; sandbox to sandbox and production to production are not supported
 * (Salesforce Help article 005315426). Each org's type is Organization.IsSandbox, read once per org.
 */
import { Messages } from '@salesforce/core';
import { isDevOpsType } from '../api/componentTypes.js';
import type { DataKitClient } from '../api/client.js';
import type { DataKitDetails } from '../api/types.js';
import { kitComponents } from '../kits/components.js';
import type { Conflict } from './conflicts.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');

type Org = { client: DataKitClient; label: string };

/** Component types whose DevOps deployment works only from a sandbox to production. */
const SANDBOX_TO_PRODUCTION = new Set(['MlRetriever']);

const kindOf = (sandbox: boolean): string => messages.getMessage(sandbox ? 'org.sandbox' : 'org.production');

/** The direction's conflict when the platform does not support it for this kit; undefined when it does. */
export async function directionConflict(kit: DataKitDetails, source: Org, target: Org): Promise<Conflict | undefined> {
  if (!isDevOpsType(kit.dataKitType)) return undefined;
  const bound = kitComponents(kit).filter((c) => SANDBOX_TO_PRODUCTION.has(c.type));
  if (!bound.length) return undefined;
  const [from, to] = await Promise.all([source.client.isSandbox(), target.client.isSandbox()]);
  const names = bound.map((c) => `${c.type}:${c.name}`).join(', ');
  if (from === undefined || to === undefined)
    return {
      severity: 'error',
      check: 'direction',
      message: messages.getMessage('conflict.directionUnknown', [names, source.label, target.label]),
    };
  if (from && !to) return undefined;
  return {
    severity: 'error',
    check: 'direction',
    message: messages.getMessage('conflict.direction', [
      kit.developerName,
      names,
      `${source.label} (${kindOf(from)})`,
      `${target.label} (${kindOf(to)})`,
    ]),
  };
}
