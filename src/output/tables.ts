/*
 * The tables commands print: rows and columns from results, nothing else. Titles, which are sentences about the
 * command's run, stay with the command's messages.
 */
import type { DataKitComponentInput } from '../api/types.js';
import type { KitComponent } from '../kits/components.js';
import { typeLabel, type KitSummary } from '../kits/kits.js';
import type { ManifestType } from '../kits/packageXml.js';
import type { ComponentStatus } from '../kits/status.js';
import type { RetrievedFile } from '../metadata/retrieve.js';
import type { Removal } from '../source/clean.js';
import type { HistoryEntry } from '../releases/history.js';
import type { Finding } from '../shared/findings.js';
import type { TableColumn } from '../shared/ux.js';
import type { RunOutcome } from '../verify/activate.js';
import type { VerifiedItem } from '../verify/read.js';
import { column } from './columns.js';

export type Table = { rows: Array<Record<string, unknown>>; columns: TableColumn[] };

const orBlank = (v: string | undefined): string => v ?? '';

export const kitsTable = (kits: KitSummary[]): Table => ({
  rows: kits.map((k) => ({ ...k, type: typeLabel(k.type), dataSpace: k.dataSpace ?? '—' })),
  columns: [
    column('name'),
    column('label'),
    column('type'),
    column('componentCount', 'components'),
    column('dataSpace'),
  ],
});

export const kitComponentsTable = (components: KitComponent[]): Table => ({
  rows: components.map((c) => ({
    order: c.order,
    type: c.type,
    name: c.name,
    label: orBlank(c.label),
    connectorType: orBlank(c.connectorType),
  })),
  columns: [column('order'), column('type'), column('name'), column('label'), column('connectorType', 'connector')],
});

export const availableTable = (
  components: Array<{ type: string; name: string; label?: string; connectorType?: string }>
): Table => ({
  rows: components.map((c) => ({ ...c, label: orBlank(c.label), connectorType: orBlank(c.connectorType) })),
  columns: [column('type'), column('name'), column('label'), column('connectorType', 'connector')],
});

export const createdTable = (components: DataKitComponentInput[]): Table => ({
  rows: components.map((c) => ({ type: c.type, name: c.info.name, label: orBlank(c.info.label) })),
  columns: [column('type'), column('name'), column('label')],
});

export const statusTable = (components: ComponentStatus[]): Table => ({
  rows: components.map((c) => ({ ...c, componentId: orBlank(c.componentId) })),
  columns: [column('order', 'number'), column('type'), column('name'), column('status'), column('componentId')],
});

export const manifestTable = (types: ManifestType[], leftOut: (type: string) => string | undefined): Table => ({
  rows: types.map((t) => ({
    type: t.type,
    count: t.members.length,
    members: t.members.join(', '),
    note: orBlank(leftOut(t.type)),
  })),
  columns: [column('type', 'metadataType'), column('count'), column('members'), column('note')],
});

export const removalsTable = (removed: Removal[]): Table => ({
  rows: removed.map((r) => ({ type: r.type, member: r.member, file: r.file, why: r.reason })),
  columns: [column('type'), column('member'), column('file'), column('why')],
});

export const retrievedTable = (files: RetrievedFile[], shownPath: (path: string) => string): Table => ({
  rows: files.map((f) => ({ type: f.type, member: f.fullName, path: f.filePath ? shownPath(f.filePath) : '' })),
  columns: [column('type'), column('member'), column('path')],
});

export const findingsTable = (findings: Finding[]): Table => ({
  rows: findings.map((f) => ({ severity: f.severity, check: f.check, problem: f.message })),
  columns: [column('severity'), column('check'), column('problem')],
});

export const historyTable = (entries: HistoryEntry[]): Table => ({
  rows: entries.map((e) => ({
    when: e.when.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    who: orBlank(e.who),
    what: e.what,
    job: orBlank(e.jobId),
    outcome: e.outcome,
    components: e.failed.length ? `${e.components} (${e.failed.length} failed)` : String(e.components),
    reason: orBlank(e.reason),
    commit: orBlank(e.commit),
  })),
  columns: [
    column('when'),
    column('who'),
    column('what'),
    column('job'),
    column('outcome'),
    column('components'),
    column('reason'),
    column('commit'),
  ],
});

export const verifyTable = (items: VerifiedItem[]): Table => ({
  rows: items.map((i) => ({
    component: i.component,
    resource: i.name,
    state: i.state,
    detail: i.detail,
    next: orBlank(i.next),
  })),
  columns: [column('component'), column('resource'), column('state'), column('detail'), column('next')],
});

export const runsTable = (runs: RunOutcome[]): Table => ({
  rows: runs.map((r) => ({ component: r.component, resource: r.name, outcome: r.outcome, detail: r.detail })),
  columns: [column('component'), column('resource'), column('outcome'), column('detail')],
});
