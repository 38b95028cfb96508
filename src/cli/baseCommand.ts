/*
 * What every datakit command shares beyond SfCommand: an unexpected exception (a bug, or an answer the plugin
 * could not read) ends with exit 1 and a message naming the kit and the next step, never exit 10 with a stack;
 * and a confirmation prompt is never printed into --json output or asked without a terminal.
 */
import { Messages, SfError, type Org } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { LookupContext } from '../kits/kits.js';
import { progressMode } from '../output/progress.js';
import type { Table } from '../output/tables.js';
import { EXIT } from '../shared/exitCodes.js';
import type { JobUx } from '../shared/ux.js';
import { orgLabel } from './flags.js';
import { commandUx } from './ux.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');
const shared = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

/** The kit named on the command line (--name / -n), for messages about a failure. */
function kitOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--name' || a === '-n') return argv[i + 1];
    if (a.startsWith('--name=')) return a.slice('--name='.length);
  }
  return undefined;
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

  protected async catch(error: Error | SfError): Promise<never> {
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
