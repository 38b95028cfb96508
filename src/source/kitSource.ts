/*
 * A kit as it sits in a source-format project: its DataPackageKitDefinition and the DataPackageKitObject rows
 * that point at it, read without the org.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { kitTypeOf, normalizeType } from '../api/componentTypes.js';

export type SourceComponent = { type: string; name: string; label?: string; connectorType?: string; file: string };
export type SourceKit = {
  name: string;
  label?: string;
  dataKitType?: string;
  dataSpace?: string;
  definitionFile: string;
  /** deploymentOrder's devNames */
  sequence: string[];
  components: SourceComponent[];
};

export const xmlTag = (xml: string, name: string): string | undefined => {
  const raw = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  return raw
    ?.replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
};

/**
 * Every regular file under `dir`, skipping dot folders and node_modules. Symbolic links are skipped: a folder that
 * arrives with a pull request must not make the plugin read (and print) a file outside it.
 */
export async function walkFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
      .map(async (e) => (e.isDirectory() ? walkFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []))
  );
  return nested.flat();
}

const DEFINITION = /([^/\\]+)\.dataPackageKitDefinition-meta\.xml$/;

/** DataKitObjectTemplate.sourceObjectType -> component type (Metadata API guide). */
const SOURCE_OBJECT_TYPE: Readonly<Record<string, string>> = {
  MARKET_SEGMENT: 'MarketSegment',
  MARKET_SEGMENT_ACTIVATION: 'MarketSegmentActivation',
  IDENTITY_RESOLUTION: 'IdentityResolution',
  ACTIVATION_TARGET: 'ActivationTarget',
  DATA_GRAPH: 'DataGraph',
  MKT_DATA_CONNECTION: 'DataConnection',
  DATA_ACTION: 'DataAction',
  DATA_ACTION_TARGET: 'DataActionTarget',
  SEMANTIC_MODEL: 'SemanticModel',
  SEMANTIC_SEARCH: 'DataSemanticSearch',
  EXT_DATA_SHARE: 'DataShare',
};

/** The template file each component type brings, as source format names it (folder-less, by its file name). */
const TEMPLATE_FILE: Array<{ type: string; file: (name: string) => string | undefined }> = [
  { type: 'DataStreamBundle', file: (n) => `${n}.dataSourceBundleDefinition-meta.xml` },
  { type: 'DataTransform', file: (n) => `${n}.extDataTranObjectTemplate-meta.xml` },
  {
    type: 'CalculatedInsight',
    file: (n) => (n.endsWith('__cio') ? `${n.slice(0, -5)}.dataCalcInsightTemplate-meta.xml` : undefined),
  },
  { type: 'DataModelObject', file: (n) => (n.endsWith('__dlm') ? `${n}.object-meta.xml` : undefined) },
  {
    type: 'DataLakeObject',
    file: (n) => (n.endsWith('__dll') ? `${n.slice(0, -5)}.dataSourceObject-meta.xml` : undefined),
  },
];

/**
 * A row's component type from the metadata it points to: some orgs write the template's type (DataKitObjectTemplate,
 * ...) in referenceObjectType, which says nothing of the component (F9). The row's own word is the last resort.
 */
function typeOfRow(name: string, rawType: string, files: Map<string, string>, templates: Map<string, string>): string {
  const generic = templates.get(name);
  if (generic) {
    const word = xmlTag(generic, 'sourceObjectType') ?? '';
    if (SOURCE_OBJECT_TYPE[word]) return SOURCE_OBJECT_TYPE[word];
  }
  const byFile = TEMPLATE_FILE.find((t) => {
    const file = t.file(name);
    return file !== undefined && files.has(file);
  });
  return byFile?.type ?? normalizeType(rawType) ?? rawType;
}
const BUNDLE = /([^/\\]+)\.dataSourceBundleDefinition-meta\.xml$/;

export type SourceRow = SourceComponent & { parent: string };
export type SourceDependency = { kit: string; sourceObject: string; targetObject: string; file: string };
/** Everything kit-related in a project's folders: kits, rows whose kit is missing, dependencies, all files. */
export type KitProject = { kits: SourceKit[]; orphans: SourceRow[]; dependencies: SourceDependency[]; files: string[] };

export async function readKitProject(dirs: string[]): Promise<KitProject> {
  const files = (await Promise.all(dirs.map(walkFiles))).flat();
  const read = async (f: string): Promise<[string, string]> => [f, await readFile(f, 'utf8')];
  const definitions = await Promise.all(files.filter((f) => DEFINITION.test(f)).map(read));
  const bundles = new Map(
    await Promise.all(
      files
        .filter((f) => BUNDLE.test(f))
        .map(
          async (f): Promise<[string, string | undefined]> => [
            BUNDLE.exec(f)![1],
            xmlTag(await readFile(f, 'utf8'), 'dataPlatform'),
          ]
        )
    )
  );
  const byFileName = new Map(files.map((f) => [basename(f), f]));
  const templates = new Map(
    await Promise.all(
      files
        .filter((f) => f.endsWith('.dataKitObjectTemplate-meta.xml'))
        .map(
          async (f): Promise<[string, string]> => [
            basename(f).replace(/\.dataKitObjectTemplate-meta\.xml$/, ''),
            await readFile(f, 'utf8'),
          ]
        )
    )
  );
  const rows = (await Promise.all(files.filter((f) => f.endsWith('.DataPackageKitObject-meta.xml')).map(read))).map(
    ([file, row]): SourceRow => {
      const rawType = xmlTag(row, 'referenceObjectType') ?? '';
      const name = xmlTag(row, 'referenceObjectName') ?? '';
      const type = typeOfRow(name, rawType, byFileName, templates);
      const connectorType = type === 'DataStreamBundle' ? bundles.get(name) : undefined;
      return {
        type,
        name,
        label: xmlTag(row, 'masterLabel'),
        ...(connectorType ? { connectorType } : {}),
        file,
        parent: xmlTag(row, 'parentDataPackageKitDefinitionName') ?? '',
      };
    }
  );
  const kits = definitions.map(([file, xml]): SourceKit => {
    const name = xmlTag(xml, 'developerName') ?? DEFINITION.exec(file)![1];
    const sequence = parseSequence(xmlTag(xml, 'deploymentOrder'));
    const rank = (n: string): number => (sequence.includes(n) ? sequence.indexOf(n) : Number.MAX_SAFE_INTEGER);
    const components = rows
      .filter((r) => r.parent === name)
      .map(
        (r): SourceComponent => ({
          type: r.type,
          name: r.name,
          label: r.label,
          ...(r.connectorType ? { connectorType: r.connectorType } : {}),
          file: r.file,
        })
      )
      .sort((a, b) => rank(a.name) - rank(b.name));
    const kitType = xmlTag(xml, 'dataKitType');
    return {
      name,
      label: xmlTag(xml, 'masterLabel'),
      dataKitType: kitTypeOf(kitType) ?? (kitType ? 'None' : undefined),
      dataSpace: xmlTag(xml, 'dataSpaceDefinitionDevName') ?? 'default',
      definitionFile: file,
      sequence,
      components,
    };
  });
  const kitNames = new Set(kits.map((k) => k.name));
  const dependencies = (
    await Promise.all(files.filter((f) => f.endsWith('.dataKitObjectDependency-meta.xml')).map(read))
  ).map(([file, xml]) => ({
    kit: xmlTag(xml, 'dataPackageKitDef') ?? '',
    sourceObject: xmlTag(xml, 'sourceObject') ?? '',
    targetObject: xmlTag(xml, 'targetObject') ?? '',
    file,
  }));
  return { kits, orphans: rows.filter((r) => !kitNames.has(r.parent)), dependencies, files };
}

/** All kits defined under `dir`, components in their deploymentOrder. */
export async function readSourceKits(dir: string): Promise<SourceKit[]> {
  return (await readKitProject([dir])).kits;
}

function parseSequence(order: string | undefined): string[] {
  if (!order) return [];
  try {
    const parsed = JSON.parse(order) as { sequence?: Array<{ devName?: string }> };
    return (parsed.sequence ?? []).map((s) => s.devName ?? '').filter(Boolean);
  } catch {
    return [];
  }
}
