/*
 * A comparison as a table (each component, what differs, where it stands on each side), the content changes
 * as one line per path, and unified diffs of the components whose content changed.
 */
import { Messages } from '@salesforce/core';
import type { ComponentRow } from '../compare/diff.js';
import type { ContentSides } from '../compare/diff.js';
import { shortPair, type ContentChange } from '../content/diff.js';
import { unifiedDiff } from '../content/unifiedDiff.js';
import { column } from './columns.js';
import type { Table } from './tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.compare');

function difference(r: ComponentRow): string {
  if (r.difference !== 'changed') return messages.getMessage(`difference.${r.difference}`);
  const changes = r.changes.map((c) =>
    messages.getMessage('difference.field', [c.field, c.source ?? '—', c.target ?? '—'])
  );
  if (r.content?.length) changes.push(messages.getMessage('difference.content', [r.content.length]));
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

/** `MarketSegment High_Value_Segment: entityPayload.criteria.filters[0].value 1000 → 5000`, one per change. */
export function contentLines(component: string, changes: ContentChange[]): string[] {
  const [type, name] = [component.slice(0, component.indexOf(':')), component.slice(component.indexOf(':') + 1)];
  return changes.map((c) => {
    const [from, to] = shortPair(c.source, c.target);
    return messages.getMessage('content.change', [type, name, c.path, from, to]);
  });
}

/** Unified diffs of each changed component's content, source side first. */
export function contentDiffs(
  rows: ComponentRow[],
  content: ContentSides,
  sourceLabel: string,
  targetLabel: string
): string[] {
  const pretty = (side: ContentSides['source'], key: string): string =>
    JSON.stringify(side.components.get(key) ?? {}, undefined, 2);
  return rows
    .filter((r) => r.content?.length)
    .map((r) =>
      unifiedDiff(
        pretty(content.source, r.component),
        pretty(content.target, r.component),
        `${sourceLabel}/${r.component}`,
        `${targetLabel}/${r.component}`
      )
    );
}
