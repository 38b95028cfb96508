/*
 * Tests edit what is inside an org's templates as a person would in that org's UI: change a segment's filter
 * value in dev, a field mapping by hand in prod. An edit replaces the org's file for that member; later
 * retrieves return it and a metadata deploy replaces it again.
 */
import { KIT_LEVEL_TYPES, kitMetadataFiles } from './kitMetadata.js';
import type { EmulatorState } from './state.js';

export type TemplateEdit = {
  type: string;
  fullName: string;
  /** the element to change, e.g. "expression", "targetField", "entityPayload" */
  field?: string;
  /** inside an element holding JSON: a path such as "criteria.filters[0].value" */
  path?: string;
  value?: unknown;
  /** the whole file instead */
  content?: string;
};

export const unescapeXml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The file the org holds for a template member now, or undefined when no kit here carries it. */
export function templateFile(state: EmulatorState, type: string, fullName: string): string | undefined {
  return (
    state.templateFiles.get(`${type}:${fullName}`) ??
    [...state.kits.values()]
      .flatMap((k) => kitMetadataFiles(k, state.templates()))
      .find((f) => f.type === type && f.fullName === fullName)?.content
  );
}

function setPath(target: unknown, path: string, value: unknown): void {
  const steps = path.match(/[^.[\]]+/g) ?? [];
  let at = target as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) {
    if (at[step] === null || typeof at[step] !== 'object') throw new Error(`no "${step}" on the path ${path}`);
    at = at[step] as Record<string, unknown>;
  }
  at[steps[steps.length - 1]] = value;
}

/** Applies an edit and returns the member's new file; throws with a reason a test can read. */
export function editTemplate(state: EmulatorState, edit: TemplateEdit): string {
  if (KIT_LEVEL_TYPES.has(edit.type)) throw new Error(`${edit.type} describes the kit, not a template: edit the kit`);
  const current = templateFile(state, edit.type, edit.fullName);
  if (current === undefined) throw new Error(`no kit in this org carries ${edit.type} ${edit.fullName}`);
  let next = edit.content;
  if (next === undefined) {
    if (!edit.field) throw new Error('field (and value, or path and value) or content is required');
    const element = new RegExp(`<${edit.field}>([\\s\\S]*?)</${edit.field}>`);
    const found = element.exec(current);
    if (!found) throw new Error(`${edit.type} ${edit.fullName} has no <${edit.field}>`);
    let text = String(edit.value);
    if (edit.path) {
      const json = JSON.parse(unescapeXml(found[1])) as unknown;
      setPath(json, edit.path, edit.value);
      text = JSON.stringify(json);
    }
    next = current.replace(element, `<${edit.field}>${escapeXml(text)}</${edit.field}>`);
  }
  state.templateFiles.set(`${edit.type}:${edit.fullName}`, next);
  return next;
}
