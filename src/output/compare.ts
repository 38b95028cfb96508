/*
 * A comparison as a table: each component, what differs, and where it stands on each side.
 */
import { Messages } from '@salesforce/core';
import type { ComponentRow } from '../compare/diff.js';
import { column } from './columns.js';
import type { Table } from './tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.compare');

function difference(r: ComponentRow): string {
  if (r.difference !== 'changed') return messages.getMessage(`difference.${r.difference}`);
  const changes = r.changes.map((c) =>
    messages.getMessage('difference.field', [c.field, c.source ?? '—', c.target ?? '—'])
  );
  return messages.getMessage('difference.changed', [changes.join('; ')]);
}

export function diffTable(rows: ComponentRow[], sourceLabel: string, targetLabel: string): Table {
  return {
    rows: rows.map((r) => ({
      component: r.component,
      difference: difference(r),
      source:
        r.difference === 'removed'
          ? messages.getMessage('side.missing')
          : (r.sourceStatus ?? messages.getMessage('side.present')),
      target:
        r.difference === 'added'
          ? messages.getMessage('side.missing')
          : (r.targetStatus ?? messages.getMessage('side.present')),
    })),
    columns: [
      column('component'),
      column('difference'),
      { key: 'source', name: sourceLabel },
      { key: 'target', name: targetLabel },
    ],
  };
}
