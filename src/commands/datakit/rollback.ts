import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { placeOf } from '../../cli/environment.js';
import { jobExitCodes } from '../../cli/exitCodeHelp.js';
import {
  junitFlag,
  kitNameFlag,
  noPromptFlag,
  orgLabel,
  reasonFlag,
  resultsDirFlag,
  waitFlag,
} from '../../cli/flags.js';
import { checkResultsDir } from '../../cli/outputPaths.js';
import { diffComponentContent, type ContentChange } from '../../content/diff.js';
import { componentKey, type KitContent } from '../../content/kitContent.js';
import { kitContentInOrg } from '../../content/orgContent.js';
import type { JobResult } from '../../deploy/types.js';
import { contentRefs, kitComponents } from '../../kits/components.js';
import { orgInventory } from '../../kits/inventory.js';
import { findKit } from '../../kits/kits.js';
import { contentLines } from '../../output/compare.js';
import { readReleases, recordedLine } from '../../releases/records.js';
import { editedInTarget, type Conflict } from '../../promote/conflicts.js';
import { rollbackSource, type RollbackSource } from '../../rollback/plan.js';
import { addedSince, rollBack } from '../../rollback/run.js';
import type { UnwrapOutcome } from '../../unwrap/unwrapAndWatch.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.rollback');

export type DatakitRollbackResult = {
  kit: string;
  dryRun: boolean;
  /** the release whose snapshot is deployed back, and the releases that undoes (newest first) */
  restoring: string;
  undone: string[];
  /** components the undone releases added: undeployed first */
  added: string[];
  /** what goes back inside each component, path by path (from the org's content now to the snapshot's) */
  changes: Array<{ component: string; changes: ContentChange[] }>;
  /** changes made in the org after the latest undone release: they stop a rollback unless --force */
  edited?: Conflict[];
  undeploy?: JobResult;
  metadataDeployId?: string;
  unwrap?: UnwrapOutcome;
  keyQualifiersRestored?: string[];
  releaseFile?: string;
};

/**
 * Changes made in the org after the latest undone release to what that release changed (what its record says it
 * left, against what the org holds now), path by path: a rollback would overwrite them.
 */
function editedSince(source: RollbackSource, now: KitContent, label: string): Conflict[] {
  const latest = source.undone[0];
  if (!latest.content) return [];
  const changed = new Set(latest.components.map((c) => c.component));
  return editedInTarget(latest.content, now, changed, label, 'rollback');
}

const restoringLine = (kit: string, org: string, restoring: string, undone: string[]): string =>
  undone.length === 1 && undone[0] === restoring
    ? messages.getMessage('info.restoringOne', [kit, org, restoring])
    : messages.getMessage('info.restoring', [kit, org, restoring, undone.join(', ')]);

/** What the confirmation names: the release restored, and what is deployed or undeployed for it. */
function whatItDoes(source: RollbackSource, kit: string): string {
  return source.firstRelease
    ? messages.getMessage('whatFirst', [
        kit,
        source.restoring.id,
        source.deployed.map((c) => `${c.type}:${c.name}`).join(', '),
      ])
    : messages.getMessage('what', [
        kit,
        source.restoring.id,
        source.members.length,
        source.restoring.snapshot ?? '',
        source.kit.components.map((c) => `${c.type}:${c.name}`).join(', '),
      ]);
}

export default class DatakitRollback extends DatakitCommand<DatakitRollbackResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = jobExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    to: Flags.string({ summary: messages.getMessage('flags.to.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
    force: Flags.boolean({ char: 'f', summary: messages.getMessage('flags.force.summary') }),
    wait: waitFlag,
    junit: junitFlag,
    'results-dir': resultsDirFlag,
  };

  public async run(): Promise<DatakitRollbackResult> {
    const { flags } = await this.parse(DatakitRollback);
    const org = flags['target-org'];
    if (flags.junit) await checkResultsDir(flags['results-dir']);
    const place = await placeOf(org);
    const releases = await readReleases(flags.name, place.root);
    for (const r of releases.refused) this.warn(messages.getMessage('warning.refused', [r.file, r.reason]));
    const client = DataKitClient.forOrg(org, flags['api-version']);
    const lookup = this.lookupContext(org);
    const kitNow = await findKit(client, flags.name, lookup);
    const known = await orgInventory(client);
    for (const c of kitComponents(kitNow)) known.add(`${c.type}:${c.name}`);
    const source = await rollbackSource(releases.records, {
      root: place.root,
      kit: flags.name,
      orgId: org.getOrgId(),
      orgLabel: orgLabel(org),
      to: flags.to,
      orgHas: (key) => known.has(key),
    });
    if (source.resuming) this.log(messages.getMessage('info.resuming', [source.resuming.id, source.restoring.id]));
    // a change made in the org after the release (a hotfix) is not overwritten unnoticed
    const now = await kitContentInOrg(org, client, flags.name, contentRefs(kitNow), flags.wait.minutes);
    const edited = source.resuming ? [] : editedSince(source, now, orgLabel(org));
    for (const c of edited) this.warn(c.message);
    if (edited.length && !flags.force && !flags['dry-run'])
      throw messages.createError('error.EditedSince', [flags.name, orgLabel(org), edited.length], [flags.name]);
    // the confirmation names what the snapshot will deploy, not only the kit (reads only until then)
    const change = flags['dry-run']
      ? undefined
      : await this.openChange(org, {
          kit: flags.name,
          what: whatItDoes(source, flags.name),
          noPrompt: flags['no-prompt'],
          reason: flags.reason,
          apiVersion: flags['api-version'],
        });
    const undone = source.undone.map((r) => r.id);
    this.log(restoringLine(flags.name, orgLabel(org), source.restoring.id, undone));

    const base = {
      org,
      kitName: flags.name,
      source,
      lookup,
      ux: this.jobUx,
      progress: this.progressDisplay,
      waitMinutes: flags.wait.minutes,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
      apiVersion: flags['api-version'],
    };
    const added = (await addedSince(client, flags.name, lookup, source)).map(componentKey);
    const summary = {
      kit: flags.name,
      dryRun: Boolean(flags['dry-run']),
      restoring: source.restoring.id,
      undone,
      added,
    };
    if (added.length) this.log(messages.getMessage('info.added', [added.join(', ')]));

    const then = source.firstRelease ? undefined : source.content;
    if (flags['dry-run']) {
      const changes = then ? this.showChanges(now, then) : [];
      this.log(messages.getMessage('info.dryRun'));
      return { ...summary, changes, ...(edited.length ? { edited } : {}) };
    }
    const { release, writer } = change!;
    const current = await this.snapshotFor(release, client, contentRefs(kitNow), flags.wait.minutes);
    const changes = current && then ? this.showChanges(current, then) : [];
    const outcome = await rollBack({ ...base, client: writer, current, release });
    if (outcome.releaseFile) this.info(recordedLine(outcome.releaseFile));
    return { ...summary, changes, ...outcome };
  }

  /** Prints what goes back inside each component (the org's content now → the snapshot's) and returns it. */
  private showChanges(now: KitContent, then: KitContent): DatakitRollbackResult['changes'] {
    const keys = [...new Set([...now.components.keys(), ...then.components.keys()])].filter((k) =>
      then.components.has(k)
    );
    const changes = keys
      .map((component) => ({
        component,
        changes: diffComponentContent(
          component,
          now.components.get(component) ?? {},
          then.components.get(component) ?? {}
        ),
      }))
      .filter((c) => c.changes.length);
    for (const c of changes) this.log(contentLines(c.component, c.changes).join('\n'));
    return changes;
  }
}
