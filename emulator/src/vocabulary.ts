/*
 * The org's own words for components, taken from Salesforce's documentation (the Connect REST API spec v67 enums,
 * the DataKitDeploymentLog object reference, the DataPackageKitObject metadata type). Written here on purpose
 * rather than imported from the plugin: an emulator that shares its client's vocabulary agrees with its mistakes.
 */

/** DataKitComponentInputRepresentation.type: what create, patch and list use (39 values). */
export const COMPONENT_TYPES: ReadonlySet<string> = new Set([
  'ActivationTarget',
  'AnalyticsDashboard',
  'AnalyticsVisualization',
  'AnalyticsWorkspace',
  'CalculatedInsight',
  'CopyFieldEnrichment',
  'CurrencyConfigObject',
  'DataAction',
  'DataActionTarget',
  'DataCleanRoomDataSpecDef',
  'DataCleanRoomProvider',
  'DataConnection',
  'DataCustomCode',
  'DataGraph',
  'DataLakeObject',
  'DataModelObject',
  'DataSemanticSearch',
  'DataShare',
  'DataStreamBundle',
  'DataTransform',
  'EngagementSignal',
  'FiscalCalendarConfigObject',
  'IdentityResolution',
  'IdpConfiguration',
  'InternalDataConnector',
  'IrRelatedListEnrichment',
  'MarketSegment',
  'MarketSegmentActivation',
  'MlConfiguredModel',
  'MlPredictionJob',
  'MlRetriever',
  'PersnlBatchDecision',
  'PersonalizationObjective',
  'PersonalizationPoint',
  'PersonalizationRecommender',
  'PersonalizationSchema',
  'SecondaryIndex',
  'SemanticModel',
  'TuaTemplatedObject',
]);

/** CdpDataKitDeployComponentRepresentation.type: the same list without DataModelObject (38 values). */
export const DEPLOY_TYPES: ReadonlySet<string> = new Set([...COMPONENT_TYPES].filter((t) => t !== 'DataModelObject'));

/** DataKitUnDeployInputRepresentation.type and the dependencies componentType parameter (18 values). */
export const UNDEPLOY_TYPES: ReadonlySet<string> = new Set([
  'ActivationTarget',
  'CalculatedInsight',
  'DataAction',
  'DataActionTarget',
  'DataConnection',
  'DataGraph',
  'DataLakeObject',
  'DataSemanticSearch',
  'DataShare',
  'DataStreamBundle',
  'DataTransform',
  'IdentityResolution',
  'MarketSegment',
  'MarketSegmentActivation',
  'MlConfiguredModel',
  'MlPredictionJob',
  'MlRetriever',
  'SemanticModel',
]);

/** DataKitDeploymentLog.ComponentType picklist (object reference, API 61.0 and later). */
export const LOG_COMPONENT_TYPE: Readonly<Record<string, string>> = {
  DataStreamBundle: 'MktDataStream',
  DataLakeObject: 'MktDataLakeObject',
  DataModelObject: 'MktDataModelObject',
  CalculatedInsight: 'MktCalculatedInsight',
  DataTransform: 'MktDataTransform',
};

/** DataPackageKitObject.referenceObjectType values seen in public metadata (docs sample and fixtures). */
export const REFERENCE_OBJECT_TYPE: Readonly<Record<string, string>> = {
  DataStreamBundle: 'DataSourceBundleDefinition',
  DataLakeObject: 'MktDataLakeObject',
  DataModelObject: 'MktDataModelObject',
  CalculatedInsight: 'MktCalculatedInsight',
};

/** deploymentOrder's sequence type for a component (observed in retrieved kits). */
export const DEPLOYMENT_ORDER_TYPE: Readonly<Record<string, string>> = {
  ...REFERENCE_OBJECT_TYPE,
  DataStreamBundle: 'DataStream',
};

/** The component type a DataPackageKitObject row refers to, read back from any spelling the metadata uses. */
export function componentTypeOfReference(referenceObjectType: string): string | undefined {
  if (COMPONENT_TYPES.has(referenceObjectType)) return referenceObjectType;
  const fromReference = Object.entries(REFERENCE_OBJECT_TYPE).find(([, ref]) => ref === referenceObjectType)?.[0];
  if (fromReference) return fromReference;
  return (
    Object.entries(LOG_COMPONENT_TYPE).find(([, log]) => log === referenceObjectType)?.[0] ??
    (referenceObjectType === 'DLO' ? 'DataLakeObject' : undefined)
  );
}

/** DataKitObjectTemplate.sourceObjectType of the types that travel as generic templates (Metadata API guide). */
export const TEMPLATE_SOURCE_OBJECT_TYPE: Readonly<Record<string, string>> = {
  MarketSegment: 'MARKET_SEGMENT',
  MarketSegmentActivation: 'MARKET_SEGMENT_ACTIVATION',
  IdentityResolution: 'IDENTITY_RESOLUTION',
  ActivationTarget: 'ACTIVATION_TARGET',
  DataGraph: 'DATA_GRAPH',
  DataConnection: 'MKT_DATA_CONNECTION',
  DataAction: 'DATA_ACTION',
  DataActionTarget: 'DATA_ACTION_TARGET',
  SemanticModel: 'SEMANTIC_MODEL',
  DataSemanticSearch: 'SEMANTIC_SEARCH',
  DataShare: 'EXT_DATA_SHARE',
};

/** The metadata type of a component's main template: what some orgs write in referenceObjectType (F9). */
export const TEMPLATE_TYPE: Readonly<Record<string, string>> = {
  DataStreamBundle: 'DataSourceBundleDefinition',
  DataLakeObject: 'DataSourceObject',
  DataModelObject: 'CustomObject',
  DataTransform: 'ExtDataTranObjectTemplate',
  CalculatedInsight: 'DataCalcInsightTemplate',
};
export const templateTypeOf = (type: string): string => TEMPLATE_TYPE[type] ?? 'DataKitObjectTemplate';

/**
 * The connections API names connector types its own way (`GET /ssot/connections?connectorType=`, spec v67):
 * the kit's CRM is SalesforceDotCom there, INGESTAPI is IngestApi.
 */
export const CONNECTIONS_CONNECTOR_TYPE: Readonly<Record<string, string>> = {
  CRM: 'SalesforceDotCom',
  INGESTAPI: 'IngestApi',
  STREAMINGAPP: 'StreamingApp',
  S3: 'S3',
  MC: 'SalesforceMarketingCloud',
  ACCOUNTENGAGEMENT: 'AccountEngagement',
};
