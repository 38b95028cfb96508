/*
 * What stops a promotion before anything changes (unless --force): things in the target that the promotion
 * would overwrite or lose, and things the target lacks for the kit to work.
 */
import { Messages } from '@salesforce/core';
import type { KitDiff } from '../compare/diff.js';
import type { KitState } from '../compare/kitState.js';
import type { Finding } from '../shared/findings.js';
import type { MissingDependency } from './dependencyCheck.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');

/** A reason not to promote (check: onlyInTarget, kitType, dataSpace, busy, missingDependency); always an error. */
export type Conflict = Finding & { severity: 'error' };

const BUSY = new Set(['PROCESSING', 'DELETING']);
const kitTypeName = (t?: string): string => (t === 'Sandbox' ? 'DevOps' : 'Standard');

export function promotionConflicts(diff: KitDiff, target: KitState, missing: MissingDependency[]): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const c of diff.removed) {
    conflicts.push({
      severity: 'error',
      check: 'onlyInTarget',
      component: c,
      message: messages.getMessage('conflict.onlyInTarget', [c]),
    });
  }
  for (const change of diff.kitChanges) {
    if (change.field === 'dataKitType') {
      conflicts.push({
        severity: 'error',
        check: 'kitType',
        message: messages.getMessage('conflict.kitType', [kitTypeName(change.source), kitTypeName(change.target)]),
      });
    }
    if (change.field === 'dataSpace') {
      conflicts.push({
        severity: 'error',
        check: 'dataSpace',
        message: messages.getMessage('conflict.dataSpace', [change.source, change.target]),
      });
    }
  }
  for (const c of target.components.filter((x) => x.status && BUSY.has(x.status))) {
    conflicts.push({
      severity: 'error',
      check: 'busy',
      component: `${c.type}:${c.name}`,
      message: messages.getMessage('conflict.busy', [`${c.type}:${c.name}`, c.status!.toLowerCase()]),
    });
  }
  for (const m of missing) {
    conflicts.push({
      severity: 'error',
      check: 'missingDependency',
      component: m.component,
      message: messages.getMessage('conflict.missingDependency', [m.component, m.needs]),
    });
  }
  return conflicts;
}
