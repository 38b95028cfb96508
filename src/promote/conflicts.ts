/*
 * What stops a promotion before anything changes (unless --force): things in the target that the promotion
 * would overwrite or lose, and things the target lacks for the kit to work.
 */
import { Messages } from '@salesforce/core';
import { isDevOpsType } from '../api/componentTypes.js';
import type { KitDiff } from '../compare/diff.js';
import { diffComponentContent, shortPair, type ContentChange } from '../content/diff.js';
import type { ComponentContent, KitContent } from '../content/kitContent.js';
import type { KitState } from '../compare/kitState.js';
import type { Finding } from '../shared/findings.js';
import type { MissingDependency } from './dependencyCheck.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'promote');

/**
 * A reason not to promote (check: onlyInTarget, kitType, dataSpace, busy, missingDependency, editedInTarget);
 * always an error. An edit in the target carries its changes, path by path, from the last release to now.
 */
export type Conflict = Finding & { severity: 'error'; changes?: ContentChange[] };

const BUSY = new Set(['PROCESSING', 'DELETING']);
const kitTypeName = (t?: string): string => (isDevOpsType(t) ? 'DevOps' : 'Standard');

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

/**
 * Components whose content in the target differs from what the last release put there: someone changed them in
 * the target since. `baseline`: the last release's content per component; `scope`: the components promoted.
 */
export function editedInTarget(
  baseline: Record<string, ComponentContent>,
  target: KitContent,
  scope: ReadonlySet<string>,
  where: string,
  /** what would overwrite the change, for the message: a promotion, or a rollback */
  by: 'promote' | 'rollback' = 'promote'
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const [component, was] of Object.entries(baseline)) {
    const now = target.components.get(component);
    if (!scope.has(component) || !now) continue;
    const changes = diffComponentContent(component, was, now);
    if (changes.length === 0) continue;
    const shown = changes
      .slice(0, 3)
      .map((c) => `${c.path || component}: ${shortPair(c.source, c.target).join(' → ')}`);
    if (changes.length > 3) shown.push(messages.getMessage('conflict.editedInTarget.more', [changes.length - 3]));
    conflicts.push({
      severity: 'error',
      check: 'editedInTarget',
      component,
      message: messages.getMessage(by === 'promote' ? 'conflict.editedInTarget' : 'conflict.editedBeforeRollback', [
        component,
        where,
        changes.length,
        shown.join('; '),
      ]),
      changes,
    });
  }
  return conflicts;
}
