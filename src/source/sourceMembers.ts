/*
 * Which metadata member a source file is, by its folder and suffix (source format), and which member carries
 * each kit component. Plain path rules: no registry load for a check that runs before every deploy.
 */
const SUFFIX_TYPE: Record<string, string> = {
  dataPackageKitDefinition: 'DataPackageKitDefinition',
  DataPackageKitObject: 'DataPackageKitObject',
  dataSourceBundleDefinition: 'DataSourceBundleDefinition',
  dataStreamTemplate: 'DataStreamTemplate',
  dataSourceObject: 'DataSourceObject',
  mktDatalakeSrcKeyQualifier: 'MktDatalakeSrcKeyQualifier',
  dataSrcDataModelFieldMap: 'DataSrcDataModelFieldMap',
  objectSourceTargetMap: 'ObjectSourceTargetMap',
  extDataTranObjectTemplate: 'ExtDataTranObjectTemplate',
  extDataTranFieldTemplate: 'ExtDataTranFieldTemplate',
  dataCalcInsightTemplate: 'DataCalcInsightTemplate',
  dataKitObjectTemplate: 'DataKitObjectTemplate',
  dataKitObjectDependency: 'DataKitObjectDependency',
  dataObjectBuildOrgTemplate: 'DataObjectBuildOrgTemplate',
  fieldSrcTrgtRelationship: 'FieldSrcTrgtRelationship',
  dataSource: 'DataSource',
};

export type Member = { type: string; name: string };

export function memberOf(file: string): Member | undefined {
  const parts = file.split(/[/\\]/);
  const base = parts[parts.length - 1];
  if (parts[parts.length - 2] === 'fields' && parts[parts.length - 4] === 'objects') {
    return { type: 'CustomField', name: `${parts[parts.length - 3]}.${base.replace(/\.field-meta\.xml$/, '')}` };
  }
  const object = /^(.+)\.object-meta\.xml$/.exec(base);
  if (object) return { type: 'CustomObject', name: object[1] };
  const m = /^(.+)\.([^.]+)-meta\.xml$/.exec(base);
  return m && SUFFIX_TYPE[m[2]] ? { type: SUFFIX_TYPE[m[2]], name: m[1] } : undefined;
}

/** The member that carries a kit component's definition (the emulator's retrieve follows the same rule). */
export function carrierOf(type: string, name: string): Member {
  switch (type) {
    case 'DataStreamBundle':
      return { type: 'DataSourceBundleDefinition', name };
    case 'DataLakeObject':
      return { type: 'DataSourceObject', name: name.replace(/__dll$/, '') };
    case 'DataModelObject':
      return { type: 'CustomObject', name };
    case 'CalculatedInsight':
      return { type: 'DataCalcInsightTemplate', name: name.replace(/__cio$/, '') };
    case 'DataTransform':
      return { type: 'ExtDataTranObjectTemplate', name };
    default:
      return { type: 'DataKitObjectTemplate', name };
  }
}

/** First API version of the metadata types a kit uses (docs/api-notes.md §5.1). */
export const TYPE_MIN_API: Record<string, number> = {
  DataSource: 50,
  DataSourceBundleDefinition: 52,
  DataPackageKitDefinition: 53,
  DataPackageKitObject: 53,
  DataStreamTemplate: 53,
  DataKitObjectTemplate: 63,
  DataObjectBuildOrgTemplate: 63,
  DataKitObjectDependency: 65,
};
