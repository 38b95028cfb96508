/*
 * Key-qualifier fields that "sf datakit clean" kept aside go back once every deployed kit is live. When one is
 * not, or the restore file cannot be trusted, the user hears why and what to run: never silence.
 */
import { rm } from 'node:fs/promises';
import { Messages } from '@salesforce/core';
import type { Change } from '../governance/gate.js';
import { restoreKeyQualifiers } from '../metadata/restoreKeyQualifiers.js';
import { DEFAULT_RESTORE_FILE, readRestoreFile } from '../source/restoreFile.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'hooks');

export async function restoreAfterUnwrap(
  orgName: string,
  allLive: boolean,
  opts: { say(line: string): void; warn(text: string): Promise<void>; change(what: string): Promise<Change> }
): Promise<void> {
  let restore;
  try {
    restore = await readRestoreFile(DEFAULT_RESTORE_FILE);
  } catch (e) {
    await opts.warn(messages.getMessage('warning.restoreFileRefused', [DEFAULT_RESTORE_FILE, (e as Error).message]));
    return;
  }
  if (!restore?.fields.length) return;
  const members = restore.fields.map((f) => f.member).join(', ');
  if (!allLive) {
    await opts.warn(messages.getMessage('warning.keyQualifiersWaiting', [members, DEFAULT_RESTORE_FILE, orgName]));
    return;
  }
  try {
    const change = await opts.change(messages.getMessage('what.keyQualifiers', [restore.fields.length]));
    const outcome = await restoreKeyQualifiers(change.writer, restore);
    await change.release
      .finish({
        outcome: outcome && !outcome.success ? 'Failed' : 'Succeeded',
        components: restore.fields.map((f) => ({ component: `CustomField:${f.member}` })),
        ...(outcome ? { metadataDeployId: outcome.id } : {}),
      })
      .catch(() => undefined);
    if (outcome && !outcome.success)
      throw new Error(outcome.failures.map((f) => `${f.fullName}: ${f.problem}`).join('; '));
    await rm(DEFAULT_RESTORE_FILE, { force: true });
    opts.say(messages.getMessage('info.keyQualifiers', [restore.fields.length, members]));
  } catch (e) {
    await opts.warn(messages.getMessage('warning.keyQualifiers', [members, (e as Error).message, orgName]));
  }
}
