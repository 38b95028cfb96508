/*
 * What differs between two states of a kit, from the source's point of view: "added" is in the source and
 * missing from the target, "removed" is only in the target.
 */
import { diffComponentContent, type ContentChange } from '../content/diff.js';
import type { KitContent } from '../content/kitContent.js';
import type { KitState, StateComponent } from './kitState.js';

/** Both sides' component content, when the comparison reads it. */
export type ContentSides = { source: KitContent; target: KitContent };

export type FieldDifference = { field: string; source?: string; target?: string };
export type ComponentRow = {
  component: string;
  difference: 'same' | 'added' | 'removed' | 'changed';
  changes: FieldDifference[];
  /** what changed inside the component, path by path (when content was compared) */
  content?: ContentChange[];
  sourceStatus?: string;
  targetStatus?: string;
};
export type KitDiff = {
  equal: boolean;
  /** whether the components' content was compared, or only membership, labels, order and status */
  contentCompared: boolean;
  kitChanges: FieldDifference[];
  rows: ComponentRow[];
  added: string[];
  removed: string[];
  changed: string[];
  /** components in both whose deployment status differs (counts only with includeStatus) */
  statusDiffers: string[];
};

const key = (c: StateComponent): string => `${c.type}:${c.name}`;

function fieldChanges(fields: Array<[string, string | undefined, string | undefined]>): FieldDifference[] {
  // a side that does not say (undefined) is not a difference: source files carry fewer fields than the API
  return fields
    .filter(([, a, b]) => a !== undefined && b !== undefined && a !== b)
    .map(([field, source, target]) => ({ field, source, target }));
}

export function diffKits(source: KitState, target: KitState, includeStatus = false, content?: ContentSides): KitDiff {
  const targetByKey = new Map(target.components.map((c) => [key(c), c]));
  const sourceKeys = new Set(source.components.map(key));
  const inBoth = source.components.filter((c) => targetByKey.has(key(c)));
  // order compares the relative order of shared components, so an addition does not flag everything after it
  const targetRank = new Map(
    [...inBoth]
      .map(key)
      .sort((a, b) => targetByKey.get(a)!.order - targetByKey.get(b)!.order)
      .map((k, i) => [k, i + 1])
  );
  const sourceRank = new Map(inBoth.map((c, i) => [key(c), i + 1]));
  const rows: ComponentRow[] = [];
  for (const c of source.components) {
    const t = targetByKey.get(key(c));
    if (!t) {
      rows.push({ component: key(c), difference: 'added', changes: [], sourceStatus: c.status });
      continue;
    }
    const changes = fieldChanges([
      ['label', c.label, t.label],
      ['connectorType', c.connectorType, t.connectorType],
      ['order', String(sourceRank.get(key(c))), String(targetRank.get(key(c)))],
    ]);
    const inside = content
      ? diffComponentContent(
          key(c),
          content.source.components.get(key(c)) ?? {},
          content.target.components.get(key(c)) ?? {}
        )
      : [];
    rows.push({
      component: key(c),
      difference: changes.length || inside.length ? 'changed' : 'same',
      changes,
      ...(inside.length ? { content: inside } : {}),
      sourceStatus: c.status,
      targetStatus: t.status,
    });
  }
  for (const t of target.components.filter((c) => !sourceKeys.has(key(c))))
    rows.push({ component: key(t), difference: 'removed', changes: [], targetStatus: t.status });
  const kitChanges = target.found
    ? fieldChanges([
        ['label', source.label, target.label],
        ['dataKitType', source.dataKitType, target.dataKitType],
        ['dataSpace', source.dataSpace, target.dataSpace],
      ])
    : [{ field: 'kit', source: 'present', target: 'missing' }];
  const pick = (d: ComponentRow['difference']): string[] =>
    rows.filter((r) => r.difference === d).map((r) => r.component);
  const statusDiffers = rows
    .filter((r) => r.sourceStatus !== undefined && r.targetStatus !== undefined && r.sourceStatus !== r.targetStatus)
    .map((r) => r.component);
  const differs =
    kitChanges.length > 0 || rows.some((r) => r.difference !== 'same') || (includeStatus && statusDiffers.length > 0);
  return {
    equal: !differs,
    contentCompared: content !== undefined,
    kitChanges,
    rows,
    added: pick('added'),
    removed: pick('removed'),
    changed: pick('changed'),
    statusDiffers,
  };
}
