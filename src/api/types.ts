/*
 * Wire types, named after the Connect API spec (v67) where it names them (data-kit-api.md section 2).
 */

export type DataKitStream = { streamDevName?: string; devName?: string; label?: string; fieldApiNames?: unknown[] };

/** DataKitComponentInfo (list) */
export type DataKitComponentInfo = {
  componentType: string;
  developerName: string;
  label?: string;
  connectorType?: string;
  streams?: DataKitStream[];
};

/** DataKitDetails (list). dataKitType and dataSpaceName are not in the spec schema; read them when present. */
export type DataKitDetails = {
  developerName: string;
  label: string;
  components?: DataKitComponentInfo[];
  publishingSequence?: Array<{ componentType: string; developerName: string }>;
  dataKitType?: string;
  dataSpaceName?: string;
};

export type DataKitOutputRepresentation = { dataKitDetails?: DataKitDetails[] };

/** DataKitComponentInputRepresentation.info */
export type DataKitComponentInfoInput = {
  name: string;
  label?: string;
  connectorType?: string;
  streams?: Array<{ devName: string; label: string }>;
};

export type DataKitComponentInput = { type: string; info: DataKitComponentInfoInput };

export type DataKitInputRepresentation = {
  dataKitDevName: string;
  label: string;
  components: DataKitComponentInput[];
  dataKitType?: 'None' | 'Sandbox';
  dataSpaceName?: string;
};

/** DataKitRepresentation (create / patch answer) */
export type DataKitRepresentation = { devName: string; label: string; components: DataKitComponentInput[] };

/** DataKitComponentCollectionRepresentation (available-components) */
export type DataKitComponentCollection = { components?: DataKitComponentInput[] };

export type AvailableComponentsQuery = { componentType?: string; dataKitDevName?: string; limit?: number; offset?: number };

/** CdpDataKitMembersList (manifest) */
export type DataKitMembersList = { dataKitMembers?: Array<{ entityName: string; developerName: string[]; id?: string[] }> };

export type DataKitDeployComponent = { type: string; config: Record<string, unknown> };

/** DataKitAsyncRepresentation */
export type DataKitAsyncRepresentation = { jobId: string };

export type DataKitComponentDependencyCollection = { componentDependencies?: Array<{ id: string | null; name: string; type: string }> };

export type ComponentDeploymentStatus = {
  componentDetails?: Array<{ componentId: string; dataKitName: string; status: string }>;
  status?: { code?: string; message?: string };
};

export type QueryResult<T> = { totalSize: number; done: boolean; records: T[]; nextRecordsUrl?: string };

export type BackgroundOperationRecord = { Id: string; Status: string; Error: string | null; CreatedDate?: string };

export type DataKitDeploymentLogRecord = {
  Id: string;
  DataKitName: string;
  ComponentName: string;
  ComponentType: string;
  DeploymentStatus: string;
  DeploymentError: string | null;
  JobIdentifier: string | null;
  FlowInterviewIdentifier: string | null;
  CreatedDate: string;
};

/** invocable action result of sfdatakit__DeployDataKitComponents */
export type FlowActionResult = {
  actionName: string;
  isSuccess: boolean;
  errors: Array<string | { statusCode?: string; message?: string }> | null;
  outputValues: { Flow__InterviewGuid?: string; Flow__InterviewStatus?: string } | null;
};

export type FlowComponentInput = { componentType: string } & Record<string, unknown>;
