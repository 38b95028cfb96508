/*
 * A kit as Metadata API files: what the manifest endpoint lists and what a SOAP retrieve returns
 * (docs/api-notes.md §5; which members each component brings is a GUESS modelled on public manifests).
 * Data model objects come as CustomObjects whose key-qualifier field (KQ_...) breaks a later deploy (docs/api-notes.md Q12).
 */
import type { ComponentKey, Kit, KitComponent } from './types.js';
import { entityPayload, insightExpression, modelFields, transformDefinition } from './templateContent.js';
import {
  DEPLOYMENT_ORDER_TYPE as ORDER_TYPE,
  REFERENCE_OBJECT_TYPE as REFERENCE_TYPE,
  TEMPLATE_SOURCE_OBJECT_TYPE,
  templateTypeOf,
} from './vocabulary.js';

export type MetadataFile = { type: string; fullName: string; content: string };

/** Metadata API folder and suffix of each type a kit carries (mdapi format, as the registry has them). */
export const MDAPI_LOCATION: Record<string, { folder: string; suffix: string }> = {
  DataPackageKitDefinition: { folder: 'dataPackageKitDefinitions', suffix: 'dataPackageKitDefinition' },
  DataPackageKitObject: { folder: 'DataPackageKitObjects', suffix: 'DataPackageKitObject' },
  DataSourceBundleDefinition: { folder: 'dataSourceBundleDefinitions', suffix: 'dataSourceBundleDefinition' },
  DataStreamTemplate: { folder: 'dataStreamTemplates', suffix: 'dataStreamTemplate' },
  DataSourceObject: { folder: 'dataSourceObjects', suffix: 'dataSourceObject' },
  MktDatalakeSrcKeyQualifier: { folder: 'mktDatalakeSrcKeyQualifier', suffix: 'mktDatalakeSrcKeyQualifier' },
  CustomObject: { folder: 'objects', suffix: 'object' },
  DataSrcDataModelFieldMap: { folder: 'dataSrcDataModelFieldMaps', suffix: 'dataSrcDataModelFieldMap' },
  ObjectSourceTargetMap: { folder: 'objectSourceTargetMaps', suffix: 'objectSourceTargetMap' },
  ExtDataTranObjectTemplate: { folder: 'extDataTranObjectTemplates', suffix: 'extDataTranObjectTemplate' },
  ExtDataTranFieldTemplate: { folder: 'extDataTranFieldTemplates', suffix: 'extDataTranFieldTemplate' },
  DataCalcInsightTemplate: { folder: 'dataCalcInsightTemplates', suffix: 'dataCalcInsightTemplate' },
  DataKitObjectTemplate: { folder: 'dataKitObjectTemplates', suffix: 'dataKitObjectTemplate' },
  DataKitObjectDependency: { folder: 'dataKitObjectDependencies', suffix: 'dataKitObjectDependency' },
};

export const mdapiPath = (f: Pick<MetadataFile, 'type' | 'fullName'>): string => {
  const at = MDAPI_LOCATION[f.type] ?? { folder: f.type, suffix: f.type };
  return `${at.folder}/${f.fullName}.${at.suffix}`;
};

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const element = (root: string, fields: Record<string, string | number | boolean | undefined>, inner = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://soap.sforce.com/2006/04/metadata">\n` +
  Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `    <${k}>${esc(String(v))}</${k}>\n`)
    .join('') +
  inner +
  `</${root}>\n`;

const field = (name: string, label: string): string =>
  `    <fields>\n        <fullName>${name}</fullName>\n        <label>${esc(label)}</label>\n        <length>255</length>\n        <type>Text</type>\n    </fields>\n`;

/** The kit's own members (definition and membership rows) describe the kit; every other member is template content. */
export const KIT_LEVEL_TYPES: ReadonlySet<string> = new Set(['DataPackageKitDefinition', 'DataPackageKitObject']);

function componentFiles(kit: Kit, c: KitComponent, needs: ComponentKey[]): MetadataFile[] {
  const n = c.info.name;
  const label = c.info.label ?? n;
  const base = (suffix: RegExp): string => n.replace(suffix, '');
  switch (c.type) {
    case 'DataStreamBundle':
      return [
        {
          type: 'DataSourceBundleDefinition',
          fullName: n,
          content: element('DataSourceBundleDefinition', {
            dataPlatform: c.info.connectorType ?? 'MORECONNECTORS',
            isMultiDeploymentSupported: false,
            masterLabel: label,
          }),
        },
        ...(c.info.streams ?? []).flatMap((s): MetadataFile[] => [
          {
            type: 'DataStreamTemplate',
            fullName: s.devName,
            content: element('DataStreamTemplate', {
              dataSourceBundleDefinition: n,
              dataSourceObject: s.devName,
              masterLabel: s.label,
              objectCategory: 'Profile',
              refreshFrequency: 'Daily',
              refreshHours: 2,
              refreshMode: s.refreshMode ?? 'UPSERT',
            }),
          },
          {
            type: 'DataSourceObject',
            fullName: s.devName,
            content: element('DataSourceObject', { keyQualifierName: `KQ_${s.devName}`, masterLabel: s.label }),
          },
          {
            type: 'MktDatalakeSrcKeyQualifier',
            fullName: `KQ_${s.devName}`,
            content: element('MktDatalakeSrcKeyQualifier', { masterLabel: `KQ ${s.label}` }),
          },
        ]),
      ];
    case 'DataLakeObject':
      return [
        {
          type: 'DataSourceObject',
          fullName: base(/__dll$/),
          content: element('DataSourceObject', { masterLabel: label, objectCategory: 'Engagement' }),
        },
      ];
    case 'DataModelObject': {
      const stem = base(/__dlm$/);
      const model = modelFields(n, needs);
      const inner = [...model.fields, 'KQ_Id__c']
        .map((f) => field(f, f.replace(/__c$/, '').replace(/_/g, ' ')))
        .join('');
      return [
        {
          type: 'CustomObject',
          fullName: n,
          content: element(
            'CustomObject',
            {},
            `${inner}    <label>${esc(label)}</label>\n    <pluralLabel>${esc(label)}</pluralLabel>\n`
          ),
        },
        ...model.mappings.map(([source, target]) => ({
          type: 'DataSrcDataModelFieldMap',
          fullName: `${kit.devName}_${stem}_${target.slice(target.indexOf('.') + 1).replace(/__c$/, '')}_map`,
          content: element('DataSrcDataModelFieldMap', {
            masterLabel: `${label} ${target.slice(target.indexOf('.') + 1)}`,
            sourceField: source,
            targetField: target,
          }),
        })),
        {
          type: 'ObjectSourceTargetMap',
          fullName: `${kit.devName}_${stem}_otm`,
          content: element('ObjectSourceTargetMap', {
            masterLabel: `${label} object map`,
            sourceObject: model.mappings[0][0].split('.')[0],
            targetObject: n,
          }),
        },
      ];
    }
    case 'DataTransform':
      return [
        {
          type: 'ExtDataTranObjectTemplate',
          fullName: n,
          content: element('ExtDataTranObjectTemplate', {
            dataTransformType: 'BATCH',
            definition: JSON.stringify(transformDefinition(n, needs)),
            masterLabel: label,
          }),
        },
        {
          type: 'ExtDataTranFieldTemplate',
          fullName: `${n}_fields`,
          content: element('ExtDataTranFieldTemplate', { masterLabel: `${label} fields` }),
        },
      ];
    case 'CalculatedInsight':
      return [
        {
          type: 'DataCalcInsightTemplate',
          fullName: base(/__cio$/),
          content: element('DataCalcInsightTemplate', {
            definitionType: 'CalculatedMetric',
            expression: insightExpression(needs),
            masterLabel: label,
          }),
        },
      ];
    default:
      return [
        {
          type: 'DataKitObjectTemplate',
          fullName: n,
          content: element('DataKitObjectTemplate', {
            developerName: n,
            entityPayload: JSON.stringify(entityPayload(c.type, n, label, needs)),
            masterLabel: label,
            parentDataPackageKitDefinitionName: kit.devName,
            sourceObject: n,
            sourceObjectType: TEMPLATE_SOURCE_OBJECT_TYPE[c.type] ?? c.type,
          }),
        },
      ];
  }
}

/** What the org knows beyond the kit: what each component needs, and template files deployed or edited here. */
export type OrgTemplates = {
  needs(type: string, name: string): ComponentKey[];
  /** the file this org holds for a template member, when a deploy or an edit replaced the default */
  stored(type: string, fullName: string): string | undefined;
  /** a default file as this org returns it for one of its components (what the authoring org adds, G1/G2) */
  asReturned?(component: KitComponent, file: MetadataFile): string;
};

const noTemplates: OrgTemplates = { needs: () => [], stored: () => undefined };

/** How this org spells what it writes (profiles F8 and F9). */
export type MetadataWords = { kitType: (type: Kit['dataKitType']) => string; referenceType: (type: string) => string };
const referenceWords: MetadataWords = {
  kitType: (type) => (type === 'Sandbox' ? 'Sandbox' : 'Default'),
  referenceType: (type) => REFERENCE_TYPE[type] ?? type,
};
export const metadataWords = (o: { kitTypeWords: string; kitObjectReference: string }): MetadataWords => ({
  kitType:
    o.kitTypeWords === 'upper' ? (type): string => (type === 'Sandbox' ? 'SANDBOX' : 'NONE') : referenceWords.kitType,
  referenceType: o.kitObjectReference === 'template-type' ? templateTypeOf : referenceWords.referenceType,
});

/** Every metadata file of a kit, one per member, without duplicates, with this org's template content. */
export function kitMetadataFiles(
  kit: Kit,
  org: OrgTemplates = noTemplates,
  words: MetadataWords = referenceWords
): MetadataFile[] {
  const order = JSON.stringify({
    isAutoSequence: true,
    sequence: kit.components.map((c) => ({ devName: c.info.name, type: ORDER_TYPE[c.type] ?? c.type })),
  });
  const files: MetadataFile[] = [
    {
      type: 'DataPackageKitDefinition',
      fullName: kit.devName,
      content: element('DataPackageKitDefinition', {
        dataKitType: words.kitType(kit.dataKitType),
        dataSpaceDefinitionDevName: kit.dataSpaceName === 'default' ? undefined : kit.dataSpaceName,
        deploymentOrder: order,
        developerName: kit.devName,
        isDeployed: false,
        isEnabled: false,
        masterLabel: kit.label,
        versionNumber: '1.0',
      }),
    },
    ...kit.components.map((c, i) => ({
      type: 'DataPackageKitObject',
      fullName: `${kit.devName}_${kit.manifestStamp + i}`,
      content: element('DataPackageKitObject', {
        masterLabel: c.info.label ?? c.info.name,
        parentDataPackageKitDefinitionName: kit.devName,
        referenceObjectName: c.info.name,
        referenceObjectType: words.referenceType(c.type),
      }),
    })),
  ];
  // API 65.0: one DataKitObjectDependency per edge from a kit component
  const dependencies = kit.components.flatMap((c) =>
    org.needs(c.type, c.info.name).map(
      (d): MetadataFile => ({
        type: 'DataKitObjectDependency',
        fullName: `${c.info.name}_needs_${d.name}`.replace(/__/g, '_'),
        content: element('DataKitObjectDependency', {
          dataPackageKitDef: kit.devName,
          developerName: `${c.info.name}_needs_${d.name}`.replace(/__/g, '_'),
          masterLabel: `${c.info.name} needs ${d.name}`,
          sourceObject: c.info.name,
          sourceObjectType: REFERENCE_TYPE[c.type] ?? c.type,
          targetObject: d.name,
        }),
      })
    )
  );
  const seen = new Set<string>();
  const templates = kit.components.flatMap((c) =>
    componentFiles(kit, c, org.needs(c.type, c.info.name)).map((f) => ({
      ...f,
      content: org.asReturned?.(c, f) ?? f.content,
    }))
  );
  for (const f of [...templates, ...dependencies]) {
    if (!seen.has(mdapiPath(f))) files.push({ ...f, content: org.stored(f.type, f.fullName) ?? f.content });
    seen.add(mdapiPath(f));
  }
  return files;
}

/**
 * The manifest endpoint's members: metadata type -> member names. Real manifests also list types that only exist
 * in the org, not in the Metadata API registry the CLI ships: MktDataLakeAttributes for each stream's lake object
 * (forcedotcom/cli#3475, "Missing metadata type definition in registry"). Those are not retrievable here either.
 */
export function kitMembers(kit: Kit, org?: OrgTemplates): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const f of kitMetadataFiles(kit, org)) members.set(f.type, [...(members.get(f.type) ?? []), f.fullName]);
  const attributes = kit.components.flatMap((c) =>
    c.type === 'DataStreamBundle' ? (c.info.streams ?? []).map((s) => `${s.devName}_attributes`) : []
  );
  if (attributes.length) members.set('MktDataLakeAttributes', attributes);
  return members;
}
