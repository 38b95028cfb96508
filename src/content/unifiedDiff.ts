/*
 * A unified diff of two texts (the pretty JSON of a component on each side), for `compare --diff`: the shape
 * reviewers know from Git, three lines of context around each change.
 */

type Line = { kind: ' ' | '-' | '+'; text: string };

/** Above this many line pairs, show the whole of both sides rather than search for the shortest edit. */
const MAX_CELLS = 4_000_000;

function editScript(a: string[], b: string[]): Line[] {
  if (a.length * b.length > MAX_CELLS)
    return [...a.map((text): Line => ({ kind: '-', text })), ...b.map((text): Line => ({ kind: '+', text }))];
  // longest common subsequence, filled from the end so the walk below runs forwards
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: Line[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: ' ', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: '-', text: a[i++] });
    else out.push({ kind: '+', text: b[j++] });
  }
  while (i < a.length) out.push({ kind: '-', text: a[i++] });
  while (j < b.length) out.push({ kind: '+', text: b[j++] });
  return out;
}

export function unifiedDiff(
  source: string,
  target: string,
  sourceLabel: string,
  targetLabel: string,
  context = 3
): string {
  const a = source.split('\n');
  const b = target.split('\n');
  const lines = editScript(a, b);
  const changed = lines.map((l, k) => (l.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  // group changes whose context overlaps into one hunk
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const [start, end] = [Math.max(0, k - context), Math.min(lines.length - 1, k + context)];
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${sourceLabel}`, `+++ ${targetLabel}`];
  for (const [start, end] of hunks) {
    const before = lines.slice(0, start);
    const body = lines.slice(start, end + 1);
    const aStart = before.filter((l) => l.kind !== '+').length + 1;
    const bStart = before.filter((l) => l.kind !== '-').length + 1;
    const aCount = body.filter((l) => l.kind !== '+').length;
    const bCount = body.filter((l) => l.kind !== '-').length;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`, ...body.map((l) => `${l.kind}${l.text}`));
  }
  return out.join('\n');
}
