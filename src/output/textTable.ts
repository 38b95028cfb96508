/*
 * A plain text table, for output that cannot go through the command's table (the post-deploy hook on stderr).
 */
import type { TableColumn } from '../shared/ux.js';

export function textTable(rows: Array<Record<string, unknown>>, columns: TableColumn[]): string {
  const cells = rows.map((r) => columns.map((c) => String(r[c.key] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.name)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
