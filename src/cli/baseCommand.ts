/*
 * What every datakit command shares beyond SfCommand: an unexpected exception (a bug, or an answer the plugin
 * could not read) ends with exit 1 and a message naming the kit and the next step, never exit 10 with a stack;
 * and a confirmation prompt is never printed into --json output or asked without a terminal.
 */
import { Messages, SfError, type Org } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { DataKitClient } from '../api/client.js';
import type { KitContent } from '../content/kitContent.js';
import { hashOf } from '../content/normalize.js';
import type { ComponentRef } from '../content/owners.js';
import type { JobResult } from '../deploy/types.js';
import type { LookupContext } from '../kits/kits.js';
import { progressMode } from '../output/progress.js';
import { recordedLine } from '../releases/records.js';
import type { Release, ReleaseEnd } from '../releases/release.js';
import { openChange, type Change } from '../governance/gate.js';
import type { Table } from '../output/tables.js';
import { printVerification } from '../output/verifyReport.js';
import type { DataKitDetails } from '../api/types.js';
import type { ConfigOverrides } from '../deploy/config.js';
import { verifyKit, type KitVerification } from '../verify/verifyKit.js';
import { EXIT } from '../shared/exitCodes.js';
import { printable, printableDeep } from '../shared/safeText.js';
import { StoppedError } from '../shared/interrupt.js';
import type { JobUx } from '../shared/ux.js';
import { orgLabel } from './flags.js';
import { commandUx } from './ux.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');
const shared = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');
const verifyWords = Messages.loadMessages('@sfdatakit/plugin-datakit', 'verify');

/** The kit named on the command line (--name / -n), for messages about a failure. */
function kitOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--name' || a === '-n') return argv[i + 1];
    if (a.startsWith('--name=')) return a.slice('--name='.length);
  }
  return undefined;
}

/**
 * An answer typed at a prompt; Ctrl-C there (exit 130) or two minutes without an answer is a clear stop, never an
 * unexpected error: nothing was sent to the org.
 */
export async function answered<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (e) {
    const interrupted = (e as Error).name === 'ExitPromptError';
    throw new SfError(
      shared.getMessage(interrupted ? 'error.PromptInterrupted' : 'error.PromptTimedOut'),
      interrupted ? 'PromptInterrupted' : 'PromptTimedOut',
      [],
      interrupted ? 130 : EXIT.failure
    );
  }
}

/** Errors the plugin means: SfErrors with an exit code of their own (not TypeError's 10 or a gack's 20). */
const isIntended = (e: Error): boolean =>
  e instanceof SfError && e.name !== 'TypeError' && !(e.stack ?? '').includes('TypeError');

export abstract class DatakitCommand<T> extends SfCommand<T> {
  /** The command's output, for the modules that report on jobs. */
  protected get jobUx(): JobUx {
    return commandUx(this);
  }

  /** Live progress in a terminal, lines elsewhere, nothing under --json. */
  protected get progressDisplay(): ReturnType<typeof progressMode> {
    return progressMode(this.jsonEnabled());
  }

  // every line printed goes through these: text from records, orgs and templates never reaches a terminal raw
  public log(message?: string, ...args: unknown[]): void {
    super.log(message === undefined ? message : printable(message), ...args);
  }

  public warn(input: SfCommand.Warning): SfCommand.Warning {
    return super.warn(typeof input === 'string' ? printable(input) : printableDeep(input));
  }

  public info(input: SfCommand.Info): void {
    super.info(typeof input === 'string' ? printable(input) : printableDeep(input));
  }

  public logSuccess(message: string): void {
    super.logSuccess(printable(message));
  }

  public table<R extends Record<string, unknown>>(options: Parameters<SfCommand<T>['table']>[0] & { data: R[] }): void {
    super.table({ ...options, data: options.data.map(printableDeep) });
  }

  /** A table from output/, with the command's title. */
  protected printTable(table: Table, title?: string): void {
    this.table({ data: table.rows, columns: table.columns, ...(title ? { title } : {}) });
  }

  /** How a kit lookup in `org` names it, and where its note about list lag goes. */
  protected lookupContext(org: Org): LookupContext {
    return {
      orgLabel: orgLabel(org),
      orgName: org.getUsername() ?? 'target-org',
      orgId: org.getOrgId(),
      note: (t) => this.info(t),
    };
  }

  /**
   * Asks before a change; with --json or without a terminal there is nobody to ask, so the command refuses (exit 2)
   * before sending anything, and says to add --no-prompt.
   */
  protected async confirmOrRefuse(message: string, noPrompt: boolean): Promise<boolean> {
    if (noPrompt) return true;
    this.ensurePromptable(noPrompt);
    return this.confirm({ message });
  }

  /** Called before the first request by commands that will ask: refuse early rather than after reading the org. */
  protected ensurePromptable(noPrompt: boolean): void {
    if (noPrompt) return;
    if (this.jsonEnabled() || !process.stdin.isTTY)
      throw new SfError(
        shared.getMessage('error.NeedsNoPrompt'),
        'NoPromptNeeded',
        shared.getMessages('error.NeedsNoPrompt.actions'),
        EXIT.usage
      );
  }

  /**
   * The gate every change goes through (governance/gate.ts): the org's environment read, a protected org
   * confirmed (its alias typed, or --no-prompt with a visible --reason), and the writer and release record the
   * change needs. Nothing has been sent to the org when this throws.
   */
  protected async openChange(
    org: Org,
    opts: { kit: string; what: string; noPrompt?: boolean; reason?: string; sourceOrg?: Org; apiVersion?: string }
  ): Promise<Change> {
    return openChange(
      { canAsk: !this.jsonEnabled() && Boolean(process.stdin.isTTY), ask: (message) => this.askText(message) },
      { ...opts, org, label: orgLabel(org), command: this.commandName(), argv: this.argv }
    );
  }

  /**
   * --verify at the end of a change: does the kit work in the org? Printed like "sf datakit verify"; an open item
   * fails a command that otherwise succeeded (exit 1), since the kit does not work yet.
   */
  protected async verifyAfter(
    client: DataKitClient,
    kit: DataKitDetails,
    org: Org,
    overrides?: ConfigOverrides
  ): Promise<KitVerification> {
    this.spinner.start(verifyWords.getMessage('info.reading', [kit.developerName, orgLabel(org)]));
    const verification = await verifyKit(client, kit, org.getOrgId(), overrides);
    this.spinner.stop();
    printVerification(this.jobUx, verification, orgLabel(org));
    if (verification.open && !process.exitCode) process.exitCode = EXIT.failure;
    return verification;
  }

  /** The command as sf spells it ("component add" for datakit:component:add), for its release record. */
  protected commandName(): string {
    // a class run without the CLI's manifest (tests) has only its lower-cased class name for an id, so the class
    // name says it then
    const id = this.id?.includes(':')
      ? this.id
      : this.constructor.name.replace(/^Datakit/, '').replace(/([a-z])([A-Z])/g, '$1:$2');
    return id
      .replace(/^datakit:/, '')
      .replace(/:/g, ' ')
      .toLowerCase();
  }

  /**
   * Writes the release record and says where. The change is made by then: a record that cannot be written is a
   * warning, never a failed command.
   */
  protected async recordRelease(release: Release, end: ReleaseEnd): Promise<string | undefined> {
    try {
      const file = await release.finish(end);
      this.info(recordedLine(file));
      return file;
    } catch (e) {
      this.warn(shared.getMessage('warning.releaseRecord', [(e as Error).message]));
      return undefined;
    }
  }

  /**
   * The record of a change made by a job: each expected component with how it ended (InProgress while the job
   * still runs), and the hash of its content when a snapshot read it.
   */
  protected async recordJobRelease(
    release: Release,
    jobId: string,
    expected: ComponentRef[],
    job?: JobResult,
    content?: KitContent
  ): Promise<string | undefined> {
    const states = new Map((job?.components ?? []).map((c) => [`${c.type}:${c.name}`, c.state]));
    return this.recordRelease(release, {
      outcome: job?.outcome ?? 'InProgress',
      jobIds: [jobId],
      components: expected.map(({ type, name }) => {
        const key = `${type}:${name}`;
        const inside = content?.components.get(key);
        return {
          component: key,
          ...(inside ? { hash: hashOf(inside) } : {}),
          ...(states.get(key) ? { outcome: states.get(key) } : {}),
        };
      }),
    });
  }

  /**
   * The kit as the org has it, into the release's snapshot folder, with each component's content. A snapshot
   * that cannot be taken leaves the change possible but not rollback-able: a warning says so.
   */
  protected async snapshotFor(
    release: Release,
    client: DataKitClient,
    components: ComponentRef[],
    waitMinutes?: number
  ): Promise<KitContent | undefined> {
    this.spinner.start(shared.getMessage('info.snapshot'));
    try {
      return await release.snapshot(client, components, waitMinutes);
    } catch (e) {
      this.warn(shared.getMessage('warning.noSnapshot', [(e as Error).message]));
      return undefined;
    } finally {
      this.spinner.stop();
    }
  }

  /**
   * snapshotFor without a spinner, for a snapshot read while a job's progress is on screen; never rejects. `stop`
   * lets it go (a stopped watch does not wait for a retrieve).
   */
  protected snapshotAlongside(
    release: Release,
    client: DataKitClient,
    components: ComponentRef[],
    waitMinutes?: number,
    stop?: AbortSignal
  ): Promise<KitContent | undefined> {
    return release.snapshot(client, components, waitMinutes, stop).catch((e: Error) => {
      const why = e instanceof StoppedError ? shared.getMessage('reason.snapshotStopped') : e.message;
      this.warn(shared.getMessage('warning.noSnapshot', [why]));
      return undefined;
    });
  }

  /** A line of text typed at the terminal (two minutes to answer). */
  protected async askText(message: string): Promise<string> {
    // a spinner still turning would draw over the question
    this.spinner.stop();
    const input = (await import('@inquirer/input')).default;
    const answer = input({ message });
    const timeout = setTimeout(() => answer.cancel(), 120_000);
    try {
      return await answered(answer);
    } finally {
      clearTimeout(timeout);
    }
  }

  protected async catch(thrown: Error | SfError): Promise<never> {
    const error = thrown;
    error.message = printable(error.message);
    // oclif's flag errors carry their own exit code (2)
    if (isIntended(error) || 'oclif' in error) return super.catch(error);
    const kit = kitOf(this.argv);
    const wrapped = kit
      ? new SfError(
          messages.getMessage('error.Unexpected', [kit, error.message]),
          'UnexpectedError',
          messages.getMessages('error.Unexpected.actions', [kit]),
          EXIT.failure
        )
      : new SfError(
          messages.getMessage('error.UnexpectedNoKit', [error.message]),
          'UnexpectedError',
          messages.getMessages('error.UnexpectedNoKit.actions'),
          EXIT.failure
        );
    return super.catch(wrapped);
  }
}
