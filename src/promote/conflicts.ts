/*
 * What stops a promotion before anything changes (unless --force): things in the target that the promotion
 * would overwrite or lose, and things the target lacks for the kit to work.
 */
import type { KitDiff } from '../compare/diff.js';
import type { KitState } from '../compare/kitState.js';
import type { MissingDependency } from './dependencyCheck.js';

export type Conflict = { kind: 'onlyInTarget' | 'kitType' | 'dataSpace' | 'busy' | 'missingDependency'; component?: string; message: string };

const BUSY = new Set(['PROCESSING', 'DELETING']);
const kitTypeName = (t?: string): string => (t === 'Sandbox' ? 'DevOps' : 'Standard');

export function promotionConflicts(diff: KitDiff, target: KitState, missing: MissingDependency[]): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const c of diff.removed) {
    conflicts.push({ kind: 'onlyInTarget', component: c, message: `${c} is in the target's kit but not in the source's: promoting would drop it from the kit (it stays deployed).` });
  }
  for (const change of diff.kitChanges) {
    if (change.field === 'dataKitType') {
      conflicts.push({ kind: 'kitType', message: `The kit is ${kitTypeName(change.source)} in the source and ${kitTypeName(change.target)} in the target: objects deployed by one kit type can only be updated by the same type.` });
    }
    if (change.field === 'dataSpace') {
      conflicts.push({ kind: 'dataSpace', message: `The kit uses data space "${change.source}" in the source and "${change.target}" in the target.` });
    }
  }
  for (const c of target.components.filter((x) => x.status && BUSY.has(x.status))) {
    conflicts.push({ kind: 'busy', component: `${c.type}:${c.name}`, message: `${c.type}:${c.name} is ${c.status!.toLowerCase()} in the target right now; wait for that job to end.` });
  }
  for (const m of missing) {
    conflicts.push({ kind: 'missingDependency', component: m.component, message: `${m.component} needs ${m.needs}, which is neither in the kit nor in the target org. Add it to the kit in the source org (sf datakit component add --with-dependencies) or create it in the target first.` });
  }
  return conflicts;
}
