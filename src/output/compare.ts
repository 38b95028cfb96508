/*
 * Comparison rows for the terminal table: what each side has, and what differs.
 */
import type { ComponentRow } from '../compare/diff.js';

export type DiffTableRow = { component: string; difference: string; source: string; target: string };

export function formatDiffRows(rows: ComponentRow[]): DiffTableRow[] {
  return rows.map((r) => ({
    component: r.component,
    difference:
      r.difference === 'changed'
        ? `changed: ${r.changes.map((c) => `${c.field} ${c.source ?? '—'} → ${c.target ?? '—'}`).join('; ')}`
        : r.difference,
    source: r.difference === 'removed' ? 'missing' : (r.sourceStatus ?? 'present'),
    target: r.difference === 'added' ? 'missing' : (r.targetStatus ?? 'present'),
  }));
}
