/*
 * What the client hands to the rest of the plugin: the org's answers after read.ts, with the fields every caller
 * relies on guaranteed. Names follow the Connect REST spec (v67) where it names them.
 */

export type KitStream = { devName: string; label?: string };

/** DataKitComponentInfo (list); componentType is missing when the org does not send it */
export type ListedComponent = {
  componentType?: string;
  developerName: string;
  label?: string;
  connectorType?: string;
  streams?: KitStream[];
};

/** DataKitDetails (list) */
export type DataKitDetails = {
  developerName: string;
  label: string;
  /** Connect kit type: None (standard) or Sandbox (DevOps); not in the spec's schema, read when present */
  dataKitType?: string;
  dataSpaceName?: string;
  components: ListedComponent[];
  /** developer names of publishingSequence, in order */
  publishingSequence: string[];
  /** components the org listed without a developer name: a rewrite of the set would lose them */
  unnamedComponents: number;
};

/** DataKitComponentInputRepresentation: what create and patch send, and what available-components lists */
export type DataKitComponentInput = {
  type: string;
  info: { name: string; label?: string; connectorType?: string; streams?: Array<{ devName: string; label: string }> };
};

export type DataKitInputRepresentation = {
  dataKitDevName: string;
  label: string;
  components: DataKitComponentInput[];
  dataKitType?: 'None' | 'Sandbox';
  dataSpaceName?: string;
};

export type AvailableComponentsQuery = {
  componentType?: string;
  dataKitDevName?: string;
  limit?: number;
  offset?: number;
};

/** CdpDataKitMembers (manifest): a metadata type and its member names */
export type ManifestMembers = { entityName: string; developerName: string[] };

export type DataKitDeployComponent = { type: string; config: Record<string, unknown> };

export type Dependency = { type: string; name: string };

/**
 * A component's deployment status: `code` in upper snake case (ACTIVE, PROCESSING, ERROR, DELETING, NOT_DEPLOYED),
 * KIT_NOT_FOUND when the org no longer has the kit, UNKNOWN when the answer says nothing usable.
 */
export type ComponentStatusReading = { code: string; componentId?: string };

/** The job resource (F5): its status word as the org says it, finished component ids, errors */
export type DeployJobReading = { status?: string; results: string[]; errors: string[] };

/** What a DevOps kit's deploy body was: the developer guide's, or the installers' empty one (F3) */
export type DevOpsBody = 'developerName' | 'empty';

/** BackgroundOperation row of a Connect job */
export type JobRecord = { id: string; status?: string; error?: string; createdDate?: string };

/** DataKitDeploymentLog row; componentName is missing on job-level rows */
export type LogRow = {
  kit?: string;
  componentName?: string;
  componentType?: string;
  status?: string;
  error?: string;
  jobId?: string;
  interviewId?: string;
  createdDate?: string;
  action?: string;
  /** the username of who started it, else their user id */
  createdBy?: string;
};

export type FlowComponentInput = { componentType: string } & Record<string, unknown>;

/** A Data Cloud connection, in the connections API's connector words (SalesforceDotCom, IngestApi, ...). */
export type DataConnection = {
  id?: string;
  name: string;
  label?: string;
  connectorType?: string;
  status?: string;
  organizationId?: string;
};

/** What a live resource says of itself: its own status and its last run, refresh or publish, in its own words. */
export type LiveResource = {
  name: string;
  id?: string;
  status?: string;
  lastRun?: string;
  lastRunAt?: string;
  error?: string;
  /** records, members or unified profiles its last run left */
  count?: number;
  /** a data stream: the connection it reads through */
  connectorType?: string;
  connectionName?: string;
  /** an activation: its target */
  target?: { name?: string; status?: string };
  /** a data stream: how it refreshes (UPSERT, FULL_REFRESH, ...) */
  refreshMode?: string;
  /** a transform: its definitions' names (a run names one when there are several) */
  definitions?: string[];
};

/** A transform's newest run as its run history tells it: rows written, and the definition that ran. */
export type TransformRun = { status?: string; rows?: number; definition?: string };

/** How a run is started: interactively (a data stream), or one definition of a transform. */
export type RunOptions = { interactive?: boolean; definitionName?: string };

export type LiveKind = 'stream' | 'transform' | 'insight' | 'identityResolution' | 'segment' | 'activation';

/** What starting a run answered. */
export type RunStart = {
  started: boolean;
  alreadyRunning?: boolean;
  error?: string;
  /** the org does not offer this action here: it says INTERNAL_ERROR (a connection test of a non-JDBC connector, G5) */
  unsupported?: boolean;
};
