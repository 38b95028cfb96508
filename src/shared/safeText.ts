/*
 * Text from outside (release records from a repository, what an org answers, template content) printed to a
 * terminal: control characters would clear the screen, hide text or plant links in an audit trail. They are
 * shown escaped (\x1b, \u202e) instead; line breaks and tabs stay.
 */

// C0 controls but \t and \n, DEL, C1 controls, and the bidirectional overrides that reorder what is shown
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

export function printable(text: string): string {
  return text.replace(CONTROL, escaped);
}

/** Every string inside a value (a table row, a warning's fields) made printable. */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableDeep(v)])) as T;
  return value;
}
