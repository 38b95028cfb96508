/*
 * A kit as it sits in a source-format project: its DataPackageKitDefinition and the DataPackageKitObject rows
 * that point at it, read without the org.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeType } from '../api/componentTypes.js';

export type SourceComponent = { type: string; name: string; label?: string; connectorType?: string; file: string };
export type SourceKit = { name: string; label?: string; dataKitType?: string; dataSpace?: string; definitionFile: string; components: SourceComponent[] };

export const xmlTag = (xml: string, name: string): string | undefined => {
  const raw = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  return raw?.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
};

/** Every file under `dir`, skipping dot folders and node_modules. */
export async function walkFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
      .map(async (e) => (e.isDirectory() ? walkFiles(join(dir, e.name)) : [join(dir, e.name)]))
  );
  return nested.flat();
}

const DEFINITION = /([^/\\]+)\.dataPackageKitDefinition-meta\.xml$/;
const KIT_OBJECT = /\.DataPackageKitObject-meta\.xml$/;
const BUNDLE = /([^/\\]+)\.dataSourceBundleDefinition-meta\.xml$/;

/** All kits defined under `dir`, components in their deploymentOrder. */
export async function readSourceKits(dir: string): Promise<SourceKit[]> {
  const files = await walkFiles(dir);
  const read = async (f: string): Promise<[string, string]> => [f, await readFile(f, 'utf8')];
  const definitions = await Promise.all(files.filter((f) => DEFINITION.test(f)).map(read));
  const rows = await Promise.all(files.filter((f) => KIT_OBJECT.test(f)).map(read));
  const bundles = new Map(
    await Promise.all(files.filter((f) => BUNDLE.test(f)).map(async (f): Promise<[string, string | undefined]> => [BUNDLE.exec(f)![1], xmlTag(await readFile(f, 'utf8'), 'dataPlatform')]))
  );
  return definitions.map(([file, xml]) => {
    const name = xmlTag(xml, 'developerName') ?? DEFINITION.exec(file)![1];
    const components = rows
      .filter(([, row]) => xmlTag(row, 'parentDataPackageKitDefinitionName') === name)
      .map(([rowFile, row]): SourceComponent => {
        const rawType = xmlTag(row, 'referenceObjectType') ?? '';
        const type = normalizeType(rawType) ?? rawType;
        const componentName = xmlTag(row, 'referenceObjectName') ?? '';
        const connectorType = type === 'DataStreamBundle' ? bundles.get(componentName) : undefined;
        return { type, name: componentName, label: xmlTag(row, 'masterLabel'), ...(connectorType ? { connectorType } : {}), file: rowFile };
      });
    const sequence = parseSequence(xmlTag(xml, 'deploymentOrder'));
    const rank = (n: string): number => (sequence.includes(n) ? sequence.indexOf(n) : Number.MAX_SAFE_INTEGER);
    components.sort((a, b) => rank(a.name) - rank(b.name));
    const kitType = xmlTag(xml, 'dataKitType');
    return {
      name,
      label: xmlTag(xml, 'masterLabel'),
      dataKitType: kitType === 'Sandbox' ? 'Sandbox' : kitType ? 'None' : undefined,
      dataSpace: xmlTag(xml, 'dataSpaceDefinitionDevName') ?? 'default',
      definitionFile: file,
      components,
    };
  });
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
