/*
 * "Did you mean" for kit and component names: case-insensitive edit distance, plus substring matches.
 */
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

/** Up to `max` candidates closest to `input`, best first; none when nothing is reasonably close. */
export function closest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const candidate of new Set(candidates)) {
    const hay = candidate.toLowerCase();
    const d = hay.includes(needle) || needle.includes(hay) ? 0.5 : distance(needle, hay);
    if (d <= Math.max(2, Math.floor(needle.length / 3))) scored.push([candidate, d]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, max)
    .map(([c]) => c);
}

/**
 * The hint an error message ends with: the closest names, else (when `all` is given) what there is, else nothing.
 * It starts with a space so messages can end with "%s" right after their own sentence.
 */
export function didYouMean(near: string[], all: string[] = []): string {
  if (near.length) return ` ${messages.getMessage('hint.didYouMean', [near.join(', ')])}`;
  if (all.length) return ` ${messages.getMessage('hint.itHas', [all.join(', ')])}`;
  return '';
}
