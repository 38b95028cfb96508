/*
 * How each run is started on real orgs (field reports G3-G5, docs/api-notes.md §11): a CRM stream refreshes
 * through the API only interactively and only as FULL_REFRESH, else it is a person's step in Setup; a transform
 * with several definitions names one; a segment is published by the id its single read gives.
 */
import { Messages } from '@salesforce/core';
import type { ApiError } from '../api/errors.js';
import type { LiveKind, RunOptions } from '../api/types.js';
import { CRM_CONNECTOR, refreshedInSetup, type VerifiedItem } from './read.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'verify');

export type HowToStart =
  | { ref: string; options: RunOptions; /** what the run's detail adds */ said?: string }
  | { manual: string }
  | { failed: string };

export function howToStart(item: VerifiedItem & { kind: LiveKind }): HowToStart {
  if (refreshedInSetup(item))
    return {
      manual: `${messages.getMessage('detail.crmInSetup', [item.refreshMode ?? '?'])}; ${messages.getMessage(
        'next.refreshInSetup',
        [item.name]
      )}`,
    };
  if (item.kind === 'stream')
    return { ref: item.name, options: item.connectorType === CRM_CONNECTOR ? { interactive: true } : {} };
  if (item.kind === 'transform' && (item.definitions?.length ?? 0) > 1) {
    const [first, ...rest] = item.definitions!;
    return {
      ref: item.name,
      options: { definitionName: first },
      said: messages.getMessage('detail.definition', [first, rest.length + 1, item.definitions!.join(', ')]),
    };
  }
  // a segment is published by its id (spec), which only its single read gives (G5); an activation's comes from its list
  if (item.kind === 'segment')
    return item.id ? { ref: item.id, options: {} } : { failed: messages.getMessage('detail.noSegmentId') };
  return { ref: item.kind === 'activation' ? (item.id ?? item.name) : item.name, options: {} };
}

/** The answers orgs give a CRM stream they will not run through the API (400 non-interactive, 412 not FULL_REFRESH). */
export const crmRefusal = (e: ApiError): boolean => /interactive mode|FULL_REFRESH/i.test(e.message);
