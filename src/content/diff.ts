/*
 * What changed inside a component, path by path: `entityPayload.criteria.filters[0].value: 1000 → 5000`.
 * Arrays compare by position (a filter list is ordered); a member present on one side only is one change.
 */
import { canonical } from './normalize.js';
import type { ComponentContent } from './kitContent.js';

export type ContentChange = { path: string; source?: unknown; target?: unknown };

const MAX_SHOWN = 80;
const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** A value as one short line: text as it is, anything else as JSON, long values cut, missing as —. */
export function shortValue(v: unknown): string {
  if (v === undefined) return '—';
  const text = asText(v);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

/**
 * Both sides of a change as short lines. Two long texts that share a beginning (SQL with a new WHERE clause) are
 * shown around where they start to differ, so the lines never read the same.
 */
export function shortPair(source: unknown, target: unknown): [string, string] {
  if (source === undefined || target === undefined) return [shortValue(source), shortValue(target)];
  const [a, b] = [asText(source), asText(target)];
  if (a.length <= MAX_SHOWN && b.length <= MAX_SHOWN) return [a, b];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const context = 15;
  const from = Math.max(0, start - context);
  const cut = (t: string): string => {
    const to = Math.min(t.length, Math.max(t.length - end + context, from + 1));
    const middle = t.slice(from, to);
    const shown = middle.length > MAX_SHOWN ? `${middle.slice(0, MAX_SHOWN - 3)}...` : middle;
    return `${from > 0 ? '...' : ''}${shown}${to < t.length && middle.length <= MAX_SHOWN ? '...' : ''}`;
  };
  return [cut(a), cut(b)];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const join = (base: string, key: string): string => (base ? `${base}.${key}` : key);

function diffValues(source: unknown, target: unknown, path: string, out: ContentChange[]): void {
  if (canonical(source) === canonical(target)) return;
  if (Array.isArray(source) && Array.isArray(target)) {
    for (let i = 0; i < Math.max(source.length, target.length); i++)
      diffValues(source[i], target[i], `${path}[${i}]`, out);
    return;
  }
  if (isRecord(source) && isRecord(target)) {
    for (const key of [...new Set([...Object.keys(source), ...Object.keys(target)])].sort())
      diffValues(source[key], target[key], join(path, key), out);
    return;
  }
  out.push({ path, ...(source === undefined ? {} : { source }), ...(target === undefined ? {} : { target }) });
}

/**
 * How a member is named in a path: not at all when it is the component's own carrier (same name, or the name
 * without its __dll/__dlm/__cio suffix), else by its name.
 */
function memberPrefix(memberKey: string, component: string): string {
  const name = memberKey.slice(memberKey.indexOf(':') + 1);
  const own = component.slice(component.indexOf(':') + 1);
  if (name === own || name === own.replace(/__(dll|dlm|cio)$/, '')) return '';
  return name.startsWith(`${own}.`) ? name.slice(own.length + 1) : name;
}

export function diffComponentContent(
  component: string,
  source: ComponentContent,
  target: ComponentContent
): ContentChange[] {
  const out: ContentChange[] = [];
  for (const member of [...new Set([...Object.keys(source), ...Object.keys(target)])].sort()) {
    // a member on one side only is named in full, even the component's own
    const whole = source[member] === undefined || target[member] === undefined;
    const path = memberPrefix(member, component) || (whole ? member.slice(member.indexOf(':') + 1) : '');
    diffValues(source[member], target[member], path, out);
  }
  return out;
}
