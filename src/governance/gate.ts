/*
 * The one way to change an org. Every command that changes one (and the post-deploy hook, clean --restore,
 * verify --activate) asks here first: the org's environment is read (the strictest entry that names it), a
 * protected org is confirmed by typing its alias or, without a terminal, by --no-prompt with a visible --reason,
 * and only then does the caller get an OrgWriter, the only object with the org's write methods, together with
 * the release its record is written from. Nothing has been sent to the org when this throws.
 */
import { Messages, SfError, type Org } from '@salesforce/core';
import { OrgWriter } from '../api/writer.js';
import { Release } from '../releases/release.js';
import { EXIT } from '../shared/exitCodes.js';
import { placeOf, type Place } from './place.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'governance');

/** How the gate can ask: a terminal to type the alias into, or nobody (--json, CI, the hook). */
export type GateUi = { canAsk: boolean; ask(message: string): Promise<string> };

export type ChangeRequest = {
  org: Org;
  /** how messages name the org */
  label: string;
  /** the kit the release record is filed under */
  kit: string;
  /** what the change does, for the prompt */
  what: string;
  /** the command as sf spells it ("component add"), and its arguments, for the record */
  command: string;
  argv: string[];
  noPrompt?: boolean;
  reason?: string;
  sourceOrg?: Org;
  apiVersion?: string;
};

/** An approved change: where it runs, why, the writer for the org, and the release that records it. */
export type Change = Place & { reason?: string; confirmed: boolean; writer: OrgWriter; release: Release };

/** Characters a reader cannot see: a reason made only of them says nothing. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** --reason as recorded; one with nothing visible in it is refused (exit 2), never taken for a reason. */
export function reasonOf(given: string | undefined): string | undefined {
  if (given === undefined || given === '') return undefined;
  if (given.replace(INVISIBLE, '') === '')
    throw new SfError(messages.getMessage('error.InvisibleReason'), 'InvisibleReason', [], EXIT.usage);
  return given.trim();
}

async function confirmProtected(ui: GateUi, req: ChangeRequest, place: Place, reason?: string): Promise<boolean> {
  const environment = place.environment!;
  const role = environment.role ?? environment.alias;
  if (req.noPrompt) {
    if (!reason)
      throw new SfError(
        messages.getMessage('error.ProtectedNeedsReason', [req.label, role]),
        'ProtectedNeedsReason',
        messages.getMessages('error.ProtectedNeedsReason.actions', [req.label]),
        EXIT.usage
      );
    return false;
  }
  if (!ui.canAsk)
    throw new SfError(
      messages.getMessage('error.ProtectedNeedsTerminal', [req.label, role]),
      'ProtectedNeedsTerminal',
      messages.getMessages('error.ProtectedNeedsTerminal.actions', [req.label]),
      EXIT.usage
    );
  const typed = (
    await ui.ask(messages.getMessage('prompt.protected', [req.label, req.what, environment.alias]))
  ).trim();
  if (typed !== environment.alias)
    throw new SfError(messages.getMessage('error.NotConfirmed', [typed, environment.alias, req.label]), 'NotConfirmed');
  return true;
}

export async function openChange(ui: GateUi, req: ChangeRequest): Promise<Change> {
  const place = await placeOf(req.org);
  const reason = reasonOf(req.reason);
  const confirmed = place.environment?.protected ? await confirmProtected(ui, req, place, reason) : false;
  const release = new Release({
    kit: req.kit,
    org: req.org,
    command: req.command,
    argv: req.argv,
    root: place.root,
    ...(reason ? { reason } : {}),
    ...(req.sourceOrg ? { sourceOrg: req.sourceOrg } : {}),
  });
  return { ...place, reason, confirmed, release, writer: OrgWriter.approved(req.org, req.apiVersion) };
}
