/*
 * Component type vocabularies (docs/api-notes.md §4.1). The API uses several spellings for the same thing:
 * the Connect enum (DataLakeObject), the deployment log picklist (MktDataLakeObject), deploymentOrder
 * (DataStream, MktDataConnection) and the short names people type (DLO, CI). We accept all of them and
 * always print the Connect spelling.
 */

/** The 39-value Connect enum used by create, patch, list and deploy. */
export const CONNECT_TYPES = [
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
] as const;

export type ComponentType = (typeof CONNECT_TYPES)[number];

/** The 18 types undeploy and dependencies accept. */
export const UNDEPLOYABLE_TYPES: readonly string[] = [
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
];

/** Other spellings -> Connect spelling. Keys are lower-case. */
const ALIASES: Record<string, ComponentType> = {
  dlo: 'DataLakeObject',
  mktdatalakeobject: 'DataLakeObject',
  dmo: 'DataModelObject',
  mktdatamodelobject: 'DataModelObject',
  datastream: 'DataStreamBundle',
  mktdatastream: 'DataStreamBundle',
  bundle: 'DataStreamBundle',
  datasourcebundledefinition: 'DataStreamBundle',
  ci: 'CalculatedInsight',
  mktcalculatedinsight: 'CalculatedInsight',
  transform: 'DataTransform',
  mktdatatransform: 'DataTransform',
  segment: 'MarketSegment',
  activation: 'MarketSegmentActivation',
  mktdataconnection: 'DataConnection',
  connection: 'DataConnection',
  identityruleset: 'IdentityResolution',
  ir: 'IdentityResolution',
  datagraph: 'DataGraph',
};

const BY_LOWER = new Map<string, ComponentType>(CONNECT_TYPES.map((t) => [t.toLowerCase(), t]));

/** The Connect spelling of a type, or undefined when nothing matches. */
export function normalizeType(input: string): ComponentType | undefined {
  const key = input.trim().toLowerCase();
  return BY_LOWER.get(key) ?? ALIASES[key];
}

export function isConnectType(value: string): value is ComponentType {
  return BY_LOWER.get(value.toLowerCase()) === value;
}

/** All spellings a user may type, for suggestions. */
export function knownTypeSpellings(): string[] {
  return [...CONNECT_TYPES, ...Object.keys(ALIASES)];
}

/** A kit type word in any case (orgs and retrieved files say Sandbox, SANDBOX, None, NONE, Default: F8). */
export const isDevOpsType = (type?: string): boolean => type?.toLowerCase() === 'sandbox';
export const kitTypeOf = (type?: string): 'Sandbox' | 'None' | undefined =>
  isDevOpsType(type) ? 'Sandbox' : /^(none|default)$/i.test(type ?? '') ? 'None' : undefined;
