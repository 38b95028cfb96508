/*
 * The emulator's state model (docs/api-notes.md §9.2). Field names follow the wire shapes so routes
 * can return them with little mapping.
 */

export type StreamInfo = {
  devName: string;
  label: string;
  fieldApiNames?: string[];
  externalRecordIdentifier?: string;
  /** the template's refresh mode (UPSERT unless given); G3: a CRM stream runs through Connect only as FULL_REFRESH */
  refreshMode?: string;
};

/** One component as the Connect API stores it in a kit: `{type, info}`. */
export type KitComponent = {
  type: string;
  info: {
    name: string;
    label?: string;
    connectorType?: string;
    streams?: StreamInfo[];
  };
};

export type Kit = {
  devName: string;
  label: string;
  dataKitType: 'None' | 'Sandbox';
  dataSpaceName: string;
  namespace?: string;
  components: KitComponent[];
  /** true when the kit was created in this org: deploying it here is rejected (docs/api-notes.md Q16). */
  authoredHere: boolean;
  /** how the kit reached the org: created through the API, or carried in by a metadata deploy. */
  source: 'api' | 'metadata';
  createdAt: number;
  /** epoch millis used in the DataPackageKitObject member name of the manifest */
  manifestStamp: number;
};

/** Something the org has that can be put into a kit (what available-components returns). */
export type CatalogEntry = {
  type: string;
  name: string;
  label: string;
  connectorType?: string;
  streams?: StreamInfo[];
  /** a connection whose credentials must be re-entered after a deploy (they never migrate) */
  connection?: { name: string; connectorType: string; authType: string };
  dataSpace?: string;
  /** brought by a metadata deploy: not live in Data Cloud until a kit deploy makes it ACTIVE, then idle */
  arrived?: boolean;
};

export type ComponentKey = { type: string; name: string };

/** A Data Cloud connection as GET /ssot/connections lists it (connector types in that API's own words). */
export type Connection = {
  id?: string;
  name: string;
  label?: string;
  connectorType: string;
  /** CRM connections say connectionStatus, the others status (spec v67) */
  status?: string;
  organizationId?: string;
};

export type DeployedStatus = 'Processing' | 'Active' | 'Error' | 'Deleting';

export type DeployedComponent = {
  kit: string;
  type: string;
  name: string;
  componentId: string;
  status: DeployedStatus;
};

export type JobKind = 'deploy' | 'undeploy' | 'flow';
export type JobStatus = 'New' | 'Running' | 'Complete' | 'Error';

export type JobStep = {
  type: string;
  name: string;
  /** deploy config as sent by the client; kept for the request log and validation */
  config?: Record<string, unknown>;
  outcome?: 'Successful' | 'Failed';
};

export type Job = {
  id: string;
  kind: JobKind;
  kit: string;
  dataSpace: string;
  status: JobStatus;
  error?: string;
  steps: JobStep[];
  /** index of the step in progress; steps.length when all are done */
  cursor: number;
  createdAt: number;
  /** clock value of the last advance; progress is computed lazily from the clock */
  lastAdvance: number;
  flowInterviewId?: string;
  /** the user who started it: its log rows name them */
  createdById: string;
  /** the job ends Error with this at its first step (F6: objects still locked after a metadata deploy) */
  failAtStart?: string;
};

export type DeployLog = {
  Id: string;
  Name: string;
  DataKitName: string;
  DataSpaceName: string;
  /** null on the job-level row of the per-job profile */
  ComponentName: string | null;
  ComponentType: string | null;
  DeploymentStatus: 'Started' | 'Successful' | 'Failed';
  DeploymentError: string | null;
  DeploymentAction: 'Deploy' | 'Undeploy';
  DeployJob: string;
  JobIdentifier: string;
  FlowInterviewIdentifier: string | null;
  CreatedDate: string;
  CreatedById: string;
};

export type FailureRule = {
  dataKitName: string;
  componentName: string;
  message: string;
  /** run: the component's next run (stream refresh, transform, insight, segment publish, ...) fails; any kit */
  phase: 'deploy' | 'undeploy' | 'run';
};

/** Switches a test flips to make the org misbehave (docs/api-notes.md §9.5). */
export type Faults = {
  /** added to every response */
  latencyMs: number;
  /** the next `count` matching requests answer `status` (429/500/502/503) */
  transient: Array<{
    status: number;
    count: number;
    pathIncludes?: string;
    method?: string;
    retryAfterSeconds?: number;
  }>;
  /** every request answers 401 INVALID_SESSION_ID */
  sessionExpired: boolean;
  /** the next `count` matching requests answer 200 with a body that is not valid JSON */
  malformed: Array<{ count: number; pathIncludes?: string }>;
  /** the next `count` matching requests have their connection destroyed before an answer */
  reset: Array<{ count: number; pathIncludes?: string }>;
  /** every /ssot request answers 404, as in an org without Data Cloud */
  noDataCloud: boolean;
  /** the user has neither Modify All Data nor Modify Metadata: every Metadata API call answers INSUFFICIENT_ACCESS */
  noMetadataApi: boolean;
  /** lists answer the first page whatever the offset (an org seen answering the same page forever) */
  ignoreOffset: boolean;
};

/** How this org answers where real orgs are known to differ; profiles (profiles.ts) set these together. */
export type Behaviours = {
  /** DataKitDeploymentLog rows: one per component, one per job without component fields, or none */
  deploymentLog: 'per-component' | 'per-job' | 'none';
  /** whether BackgroundOperation has a row for a Connect deploy or undeploy job */
  backgroundOperation: 'present' | 'absent';
  /** whether available-components leaves out what the kit named by dataKitDevName already has */
  availableFilter: 'honoured' | 'ignored';
  /** a freshly created kit is missing from the list for this many ms */
  listLagMs: number;
  /** the status DELETE /ssot/data-kits/{name} answers on success */
  deleteStatus: 200 | 204;
  /** deployment-status status.code: upper case (the spec's example) or the case of componentDetails[].status */
  statusCodeCase: 'upper' | 'mixed';
  /** a component that is not deployed: 200 with empty componentDetails, or 404 */
  notDeployed: 'empty200' | '404';
  /** the status a deploy answers: 202 (the developer guide) or 200 (the spec) */
  deployStatus: 200 | 202;
  /** whether DataKitDeploymentLog has a DeploymentAction column (seen in a stub, not in the object reference) */
  logAction: 'present' | 'absent';
  /** F1: GET /ssot/data-kits without `namespace` answers 500 */
  kitList: 'any' | 'needs-namespace';
  /** F1: GET /ssot/data-kits/{kit} reads one kit (`{dataKitDetails: [kit]}`), or is no resource (the spec lists no GET) */
  kitRead: 'none' | 'single';
  /** F2: a DLO is listed under a kit component name (Orders_Enriched1) plus a type-less shell labelled with its __dll name */
  dloListing: 'api-name' | 'with-shells';
  /** F3: a DevOps kit deploy takes `{developerName}` (the guide) or only `{}` / `{"components": []}` */
  devopsBody: 'developer-name' | 'empty-only';
  /** F4: during a redeploy, deployment-status of a component already active stays ACTIVE */
  redeployStatus: 'processing' | 'active-at-once';
  /** F5: the job resource, at one of the two paths seen, or none (the spec lists no path) */
  jobResource: 'none' | 'datakit-deployment-job' | 'deployment-jobs';
  /** F6: a kit job started this soon (ms) after a metadata deploy brought the kit ends Error (objects locked) */
  settleAfterMetadataMs: number;
  /** F7: deploying a DLO that already exists here, linked to a data stream: adopted, or refused */
  existingDlo: 'adopted' | 'refused';
  /** F8: kit type words in retrieved definitions and list answers: the reference's (Sandbox, Default) or upper case */
  kitTypeWords: 'reference' | 'upper';
  /** F9: DataPackageKitObject.referenceObjectType holds the component type, or its template's type */
  kitObjectReference: 'component-type' | 'template-type';
  /** G1: transform and stream templates of components authored here carry externalDataTranField/Object; deployed copies drop them */
  authoringElements: 'absent' | 'returned';
  /** G2: templates authored here carry this org's record ids (a connection's, the exporting user's); a kit deploy checks them */
  orgIdsInTemplates: 'absent' | 'carried';
  /** G3: a CRM stream runs through Connect like any other, or only interactively and only when it is a full refresh */
  crmStreamRuns: 'any' | 'interactive-full-refresh';
  /** G4: transforms have one definition and always write rows, or several definitions (definitionName required) and 0-row runs on empty input */
  transformRuns: 'simple' | 'definitions';
  /** G5: runs, run-now and publishes take no body, or need `{}`; publish answers 201 errors:[{}]; non-JDBC connection tests answer INTERNAL_ERROR */
  actionBodies: 'optional' | 'empty-json';
  /** G6: a DevOps kit's MlRetriever deploys anywhere, or only into a production org (from its own sandbox) */
  retrieverDirection: 'any' | 'sandbox-to-production';
};

export type EmulatorOptions = Behaviours & {
  /** `clock`: jobs advance with wall time (msPerStep). `manual`: only POST /__emulator/tick advances them. */
  clock: 'clock' | 'manual';
  msPerStep: number;
  /** a second DELETE answers 500 INTERNAL_SERVER_ERROR instead of 404 (docs/api-notes.md Q15) */
  observedDeleteQuirk: boolean;
  /** reject deploying a kit in the org that authored it (docs/api-notes.md Q16); off so one org can run the whole demo */
  rejectLocalDeploy: boolean;
  /** highest API version advertised; requests above it are 404 */
  maxApiVersion: string;
  /** Organization.IsSandbox (G6: what a DevOps kit may carry depends on it) */
  isSandbox: boolean;
};

/** What the contract test does to a response: drop a field, or set it to null. */
export type Mutation = { resource: string; path: string; action: 'drop' | 'null' };

export type SeedFile = {
  kits?: Array<
    Omit<Kit, 'createdAt' | 'manifestStamp' | 'authoredHere' | 'source'> & Partial<Pick<Kit, 'authoredHere' | 'source'>>
  >;
  catalog?: CatalogEntry[];
  /** "Type:Name" -> what it needs */
  dependencies?: Record<string, ComponentKey[]>;
  deployed?: Array<Omit<DeployedComponent, 'componentId'>>;
  /** connections besides the ones catalog bundles name */
  connections?: Connection[];
  /** data spaces besides "default" */
  dataSpaces?: string[];
  /** bulk catalog entries, e.g. {"DataLakeObject": 520} adds Bulk_DLO_0001__dll... */
  generate?: Record<string, number>;
  /** DLOs that exist outside any kit, linked to a data stream (F7) */
  linkedDlos?: Array<{ name: string; stream: string }>;
};
