/*
 * The credential re-activation checklist as text.
 */
import type { ChecklistItem } from '../kits/checklist.js';

export function formatChecklist(kit: string, items: ChecklistItem[]): string {
  if (items.length === 0) return `Re-activation checklist for ${kit}: nothing to re-authenticate.`;
  const lines = items.map(
    (i) => `  [ ] ${i.component}${i.connection ? ` (connection ${i.connection})` : ''}: ${i.action}`
  );
  return [`Re-activation checklist for ${kit} (credentials never migrate with a kit):`, ...lines].join('\n');
}
