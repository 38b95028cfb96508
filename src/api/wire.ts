/*
 * What the org sends, field by field, as the Connect REST spec (v67) and the sObject reference name it. Every
 * field may be missing or null: the spec marks few as required, sObject fields are nullable, and real orgs answer
 * in shapes the documentation does not show (docs/api-notes.md). The client reads these only through read.ts,
 * and the contract test (test/api/contract.test.ts) drops and nulls each field listed here in turn.
 */

type Maybe<T> = T | null | undefined;

/** GET /ssot/data-kits: DataKitOutputRepresentation */
export type WireKitList = { dataKitDetails?: Maybe<WireKitDetails[]> };

/** DataKitDetails; dataKitType and dataSpaceName are not in the spec's schema, some orgs send them */
export type WireKitDetails = {
  developerName?: Maybe<string>;
  label?: Maybe<string>;
  dataKitType?: Maybe<string>;
  dataSpaceName?: Maybe<string>;
  components?: Maybe<WireKitComponent[]>;
  publishingSequence?: Maybe<WireSequenceEntry[]>;
};

/** DataKitComponentInfo, with the extra fields the spec's own example shows */
export type WireKitComponent = {
  componentType?: Maybe<string>;
  developerName?: Maybe<string>;
  label?: Maybe<string>;
  connectorType?: Maybe<string>;
  streams?: Maybe<WireStream[]>;
};

export type WireStream = { streamDevName?: Maybe<string>; devName?: Maybe<string>; label?: Maybe<string> };

/** DataKitDefaultComponentInfo */
export type WireSequenceEntry = { componentType?: Maybe<string>; developerName?: Maybe<string> };

/** available-components: DataKitComponentCollectionRepresentation (the spec's example has no info.name) */
export type WireComponentCollection = { components?: Maybe<WireComponentInput[]> };

/** DataKitComponentRepresentation: {type, info} */
export type WireComponentInput = { type?: Maybe<string>; info?: Maybe<WireComponentInfo> };

export type WireComponentInfo = {
  name?: Maybe<string>;
  label?: Maybe<string>;
  connectorType?: Maybe<string>;
  streams?: Maybe<WireStream[]>;
};

/** GET /ssot/datakit/{name}/manifest: CdpDataKitMembersList */
export type WireMembersList = { dataKitMembers?: Maybe<WireMembers[]> };

export type WireMembers = { entityName?: Maybe<string>; developerName?: Maybe<string[]>; id?: Maybe<string[]> };

/** deploy and undeploy: DataKitAsyncRepresentation */
export type WireAsync = { jobId?: Maybe<string> };

/** dependencies: DataKitComponentDependencyCollectionRepresentation */
export type WireDependencies = { componentDependencies?: Maybe<WireDependency[]> };

export type WireDependency = { id?: Maybe<string>; name?: Maybe<string>; type?: Maybe<string> };

/** deployment-status: DataKitComponentDeploymentStatusRepresentation */
export type WireDeploymentStatus = { componentDetails?: Maybe<WireComponentDetail[]>; status?: Maybe<WireStatus> };

/** DatakitComponentDetails */
export type WireComponentDetail = { componentId?: Maybe<string>; dataKitName?: Maybe<string>; status?: Maybe<string> };

export type WireStatus = { code?: Maybe<string>; message?: Maybe<string> };

/** GET /query */
export type WireQueryResult = {
  totalSize?: Maybe<number>;
  done?: Maybe<boolean>;
  records?: Maybe<unknown[]>;
  nextRecordsUrl?: Maybe<string>;
};

/** BackgroundOperation: the job a Connect deploy or undeploy returns the id of (08P...) */
export type WireBackgroundOperation = {
  Id?: Maybe<string>;
  Status?: Maybe<string>;
  Error?: Maybe<string>;
  CreatedDate?: Maybe<string>;
};

/** DataKitDeploymentLog: one row per component, one per job, or none, depending on the org */
export type WireDeploymentLog = {
  Id?: Maybe<string>;
  DataKitName?: Maybe<string>;
  ComponentName?: Maybe<string>;
  ComponentType?: Maybe<string>;
  DeploymentStatus?: Maybe<string>;
  DeploymentError?: Maybe<string>;
  JobIdentifier?: Maybe<string>;
  FlowInterviewIdentifier?: Maybe<string>;
  CreatedDate?: Maybe<string>;
  /** the history reads who and what: Deploy or Undeploy (values seen, not documented) */
  DeploymentAction?: Maybe<string>;
  CreatedById?: Maybe<string>;
  CreatedBy?: Maybe<{ Username?: Maybe<string> }>;
};

/** the invocable action sfdatakit__DeployDataKitComponents answers an array of these (or one) */
export type WireFlowResult = {
  actionName?: Maybe<string>;
  isSuccess?: Maybe<boolean>;
  errors?: Maybe<Array<string | WireFlowError>>;
  outputValues?: Maybe<WireFlowOutput>;
};

export type WireFlowError = { statusCode?: Maybe<string>; message?: Maybe<string> };

export type WireFlowOutput = { Flow__InterviewGuid?: Maybe<string>; Flow__InterviewStatus?: Maybe<string> };

/** GET /ssot/connections: ConnectionCollectionRepresentation (spec v67) */
export type WireConnectionCollection = { connections?: Maybe<WireConnection[]>; totalSize?: Maybe<number> };

/** ConnectionRepresentation: CRM connections say connectionStatus and organizationId, the others status */
export type WireConnection = {
  id?: Maybe<string>;
  name?: Maybe<string>;
  label?: Maybe<string>;
  connectorType?: Maybe<string>;
  status?: Maybe<string>;
  connectionStatus?: Maybe<string>;
  organizationId?: Maybe<string>;
};

// ---- the live resources a kit becomes (Connect REST API spec v67, data-360-sdk): what verify reads

/** CdpActionResponseBaseRepresentation: what most run and publish actions answer */
export type WireActionResponse = {
  success?: Maybe<boolean>;
  errors?: Maybe<Array<{ errorCode?: Maybe<string>; errorMessage?: Maybe<string> }>>;
};

/** DataStreamDetailedRepresentation */
export type WireDataStream = {
  id?: Maybe<string>;
  name?: Maybe<string>;
  status?: Maybe<string>;
  lastRunStatus?: Maybe<string>;
  lastRefreshDate?: Maybe<string>;
  totalRecords?: Maybe<number>;
  connectorInfo?: Maybe<{ connectorType?: Maybe<string>; connectorDetails?: Maybe<{ name?: Maybe<string> }> }>;
  /** RefreshConfigRepresentation; real orgs also say FULL_REFRESH, which the spec's enum lacks (G3) */
  refreshConfig?: Maybe<{ refreshMode?: Maybe<string> }>;
};

/** DataTransformRepresentation */
export type WireDataTransform = {
  id?: Maybe<string>;
  name?: Maybe<string>;
  status?: Maybe<string>;
  lastRunStatus?: Maybe<string>;
  lastRunDate?: Maybe<string>;
  lastRunErrorCode?: Maybe<{ errorCode?: Maybe<string>; errorMessage?: Maybe<string> }>;
  /** DataTransformDefinitionRepresentation[]: a run names one when there are several (G4) */
  definitions?: Maybe<Array<{ name?: Maybe<string> }>>;
};

/** DataTransformRunHistoryCollectionRepresentation: the newest run first */
export type WireTransformRunHistory = {
  histories?: Maybe<Array<{ status?: Maybe<string>; processedRows?: Maybe<number>; definitionName?: Maybe<string> }>>;
};

/** CdpCalculatedInsightRepresentation: its statuses are free strings in the spec */
export type WireCalculatedInsight = {
  apiName?: Maybe<string>;
  calculatedInsightStatus?: Maybe<string>;
  lastRunStatus?: Maybe<string>;
  lastRunDateTime?: Maybe<string>;
  lastRunStatusErrorCode?: Maybe<string>;
};

/** CdpSegmentContainerOutputRepresentation: GET /ssot/segments/{apiNameOrId} answers a container */
export type WireSegmentContainer = {
  segments?: Maybe<
    Array<{
      apiName?: Maybe<string>;
      marketSegmentId?: Maybe<string>;
      segmentStatus?: Maybe<string>;
      publishStatus?: Maybe<string>;
      lastPublishedEndDateTime?: Maybe<string>;
      lastSegmentMemberCount?: Maybe<number>;
    }>
  >;
};

/** ActivationRepresentation (the collection's spec declares one object, not an array: both are read) */
export type WireActivation = {
  id?: Maybe<string>;
  name?: Maybe<string>;
  developerName?: Maybe<string>;
  status?: Maybe<string>;
  lastPublishStatus?: Maybe<string>;
  lastPublishDate?: Maybe<string>;
  lastPublishStatusErrorMsg?: Maybe<string>;
  activationTarget?: Maybe<{ name?: Maybe<string>; status?: Maybe<string> }>;
};
export type WireActivationCollection = { activations?: Maybe<WireActivation[]> };

/** ActivationTargetRepresentation */
export type WireActivationTargetCollection = {
  activationTargets?: Maybe<Array<{ id?: Maybe<string>; name?: Maybe<string>; status?: Maybe<string> }>>;
};

/** CdpIdentityResolutionOutputRepresentation */
export type WireIdentityResolution = {
  id?: Maybe<string>;
  label?: Maybe<string>;
  rulesetStatus?: Maybe<string>;
  lastJobStatus?: Maybe<string>;
  lastJobCompleted?: Maybe<string>;
  totalUnifiedProfiles?: Maybe<number>;
};

/** CdpIdentityResolutionRunNowOutputRepresentation */
export type WireRunNow = { resultCode?: Maybe<string> };

/**
 * GET /ssot/datakit-deployment-job/{jobId} (or /ssot/data-kits/deployment-jobs/{jobId}): the spec's
 * CdpDataKitDeployJobOutputRepresentation, which it lists no path for (docs/api-notes.md §11, F5)
 */
export type WireDeployJob = {
  jobId?: Maybe<string>;
  jobStatus?: Maybe<string>;
  jobResults?: Maybe<string[]>;
  errors?: Maybe<unknown[]>;
};

/** GET /ssot/data-streams: DataStreamCollectionRepresentation, read for the DLO each stream writes */
export type WireStreamCollection = { dataStreams?: Maybe<WireStreamSummary[]> };

export type WireStreamSummary = { name?: Maybe<string>; dataLakeObjectInfo?: Maybe<{ name?: Maybe<string> }> };
