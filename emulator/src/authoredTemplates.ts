/*
 * What templates carry in the org that authored their components, beyond the content itself (field reports G1
 * and G2, docs/api-notes.md §11), and what a kit job in another org does about it:
 *  - G1: transform and stream templates read where they were authored hold externalDataTranObject and
 *    externalDataTranField elements; a metadata deploy drops them, so a deployed copy never returns them.
 *  - G2: a file-reading stream's template holds the exporting user's id as the prefix of importDirectory; a
 *    connection's object template holds the connection's id as `id` and inside `url`. A kit job fails on an id
 *    that is not this org's (the exact texts of the installers' reports).
 */
import type { MetadataFile } from './kitMetadata.js';
import { connectionId, orgConnections } from './runtime.js';
import type { EmulatorState } from './state.js';
import { escapeXml, templateFile, unescapeXml } from './templateEdits.js';
import type { JobStep, KitComponent } from './types.js';

const AUTHORING_ELEMENTS = /[ \t]*<(externalDataTranField|externalDataTranObject)>[^<]*<\/\1>\r?\n?/g;
/** the epoch-millis folder Data Cloud puts after the user id (the installers keep it verbatim) */
const UPLOAD_FOLDER = '1745313217000';

const before = (xml: string, root: string, inner: string): string => xml.replace(`</${root}>`, `${inner}</${root}>`);

/** The component was authored here: the org had it before any deploy brought it. */
const authoredHere = (state: EmulatorState, c: KitComponent): boolean => {
  const entry = state.catalogEntry(c.type, c.info.name);
  return entry !== undefined && !entry.arrived;
};

/** A bundle whose streams read uploaded files (the installers' file-upload streams); CRM and API streams do not. */
const readsFiles = (state: EmulatorState, c: KitComponent): boolean =>
  c.type === 'DataStreamBundle' && (state.catalogEntry(c.type, c.info.name)?.connectorType ?? '') === 'MORECONNECTORS';

/** A template file as the authoring org returns it: G1 elements and G2 ids added where its profile says. */
export function asAuthored(state: EmulatorState, c: KitComponent, file: MetadataFile): string {
  if (!authoredHere(state, c)) return file.content;
  let xml = file.content;
  if (state.options.authoringElements === 'returned') {
    if (file.type === 'ExtDataTranObjectTemplate' || file.type === 'DataStreamTemplate')
      xml = before(xml, file.type, `    <externalDataTranObject>${file.fullName}</externalDataTranObject>\n`);
    if (file.type === 'ExtDataTranFieldTemplate')
      xml = before(xml, file.type, `    <externalDataTranField>${file.fullName}</externalDataTranField>\n`);
  }
  if (state.options.orgIdsInTemplates !== 'carried') return xml;
  if (file.type === 'DataStreamTemplate' && readsFiles(state, c))
    xml = before(
      xml,
      file.type,
      '    <parameters>\n        <fullName>importDirectory</fullName>\n        <paramName>importDirectory</paramName>\n' +
        `        <value>${state.identity.userId}/${UPLOAD_FOLDER}</value>\n    </parameters>\n`
    );
  if (file.type === 'DataKitObjectTemplate' && c.type === 'DataConnection') {
    const connection = orgConnections(state).find((x) => x.name === c.info.name);
    if (connection) {
      const id = connectionId(state, connection);
      xml = xml.replace(/<entityPayload>([^<]*)<\/entityPayload>/, (_, payload: string) => {
        const json = JSON.parse(unescapeXml(payload)) as Record<string, unknown>;
        json.connection = { id, url: `/services/data/v${state.options.maxApiVersion}/ssot/connections/${id}` };
        return `<entityPayload>${escapeXml(JSON.stringify(json))}</entityPayload>`;
      });
    }
  }
  return xml;
}

/** What a metadata deploy stores of a file: a deployed copy does not keep the authoring-org elements (G1). */
export function asDeployed(state: EmulatorState, content: string): string {
  return state.options.authoringElements === 'returned' ? content.replace(AUTHORING_ELEMENTS, '') : content;
}

/** Why a kit job step fails on an id the templates carry from another org (G2), or undefined. */
export function foreignIdProblem(state: EmulatorState, step: JobStep): string | undefined {
  if (state.options.orgIdsInTemplates !== 'carried') return undefined;
  if (step.type === 'DataStreamBundle') {
    const streams = state.catalogEntry(step.type, step.name)?.streams ?? [];
    for (const s of streams) {
      const xml = templateFile(state, 'DataStreamTemplate', s.devName) ?? '';
      const owner = /<paramName>importDirectory<\/paramName>\s*<value>(005\w{12,15})\//.exec(xml)?.[1];
      if (owner && owner.slice(0, 15) !== state.actingUser().slice(0, 15))
        return 'Access denied — importDirectory does not belong to the current user';
    }
  }
  if (step.type === 'DataConnection') {
    const payload = /<entityPayload>([^<]*)<\/entityPayload>/.exec(
      templateFile(state, 'DataKitObjectTemplate', step.name) ?? ''
    )?.[1];
    const id = payload
      ? (JSON.parse(unescapeXml(payload)) as { connection?: { id?: string } }).connection?.id
      : undefined;
    const ours = orgConnections(state).map((c) => connectionId(state, c).slice(0, 15));
    if (id && !ours.includes(id.slice(0, 15))) return `Internal Error: MktDataConnection ${id} not found in this org`;
  }
  return undefined;
}

/** G6: an MlRetriever of a DevOps kit deploys only into a production org. */
export function retrieverProblem(state: EmulatorState, kit: string, step: JobStep): string | undefined {
  if (state.options.retrieverDirection !== 'sandbox-to-production' || step.type !== 'MlRetriever') return undefined;
  if (state.kits.get(kit)?.dataKitType !== 'Sandbox' || !state.options.isSandbox) return undefined;
  return 'Retriever deployment through a DevOps data kit is supported only from a sandbox to its production org.';
}
