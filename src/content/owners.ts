/*
 * Which kit component a metadata member belongs to. Some members say it by name (a bundle's definition, an
 * insight's template), others by a field they hold (a stream template's bundle, a field mapping's target object).
 * The rules follow the Metadata API guide's fields (docs/api-notes.md §5.1).
 */
import type { Member } from '../source/sourceMembers.js';

export type ComponentRef = { type: string; name: string };

/** The kit's components, and each stream's bundle as the kit's stream templates say it. */
export type OwnerContext = { components: ComponentRef[]; bundleOfStream: ReadonlyMap<string, string> };

const KIT_LEVEL = new Set(['DataPackageKitDefinition', 'DataPackageKitObject']);

const text = (fields: unknown, name: string): string | undefined => {
  const v = (fields as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
};

/** Stream name → bundle name, from the stream templates' `dataSourceObject` and `dataSourceBundleDefinition`. */
export function streamBundles(members: Array<{ member: Member; fields: unknown }>): Map<string, string> {
  const map = new Map<string, string>();
  for (const { member, fields } of members) {
    const [stream, bundle] = [text(fields, 'dataSourceObject'), text(fields, 'dataSourceBundleDefinition')];
    if (member.type === 'DataStreamTemplate' && stream && bundle) map.set(stream, bundle);
  }
  return map;
}

/** The component a member's content belongs to, or undefined for kit-level rows and members of other kits. */
export function ownerOf(member: Member, fields: unknown, ctx: OwnerContext): ComponentRef | undefined {
  if (KIT_LEVEL.has(member.type)) return undefined;
  const find = (type: string | undefined, name: string | undefined): ComponentRef | undefined =>
    name === undefined ? undefined : ctx.components.find((c) => (!type || c.type === type) && c.name === name);
  const bundleOfStream = (stream: string): ComponentRef | undefined =>
    find('DataStreamBundle', ctx.bundleOfStream.get(stream));
  switch (member.type) {
    case 'DataSourceBundleDefinition':
      return find('DataStreamBundle', member.name);
    case 'DataStreamTemplate':
      return find('DataStreamBundle', text(fields, 'dataSourceBundleDefinition'));
    case 'DataSourceObject':
      return find('DataLakeObject', `${member.name}__dll`) ?? bundleOfStream(member.name);
    case 'MktDatalakeSrcKeyQualifier':
      return bundleOfStream(member.name.replace(/^KQ_/, ''));
    case 'CustomObject':
      return find('DataModelObject', member.name);
    case 'CustomField':
      return find('DataModelObject', member.name.split('.')[0]);
    case 'DataSrcDataModelFieldMap':
      return find('DataModelObject', text(fields, 'targetField')?.split('.')[0]);
    case 'ObjectSourceTargetMap':
      return find('DataModelObject', text(fields, 'targetObject'));
    case 'ExtDataTranObjectTemplate':
      return find('DataTransform', member.name);
    case 'DataCalcInsightTemplate':
      return find('CalculatedInsight', `${member.name}__cio`);
    case 'DataKitObjectDependency':
      return find(undefined, text(fields, 'sourceObject'));
    default:
      return find(undefined, text(fields, 'developerName') ?? member.name);
  }
}
