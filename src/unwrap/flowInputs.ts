/*
 * Component inputs of the legacy unwrap flow, sfdatakit__DeployDataKitComponents (docs/api-notes.md §6.2):
 * `componentType` plus one config object per type, with the CRM org id nested under bundleCRMConfig.
 */
import type { DataKitDeployComponent, FlowComponentInput } from '../api/types.js';

const CONFIG_KEY: Record<string, string> = {
  DataStreamBundle: 'bundleConfig',
  DataLakeObject: 'dloConfig',
  CalculatedInsight: 'calculatedInsightsConfig',
  DataTransform: 'dataTransformConfig',
};

const BUNDLE_SUBCONFIG: Record<string, string> = {
  CRM: 'bundleCRMConfig',
  INGESTAPI: 'bundleIngestApiConfig',
  STREAMINGAPP: 'bundleStreamingAppConfig',
  COMMERCE: 'bundleCommerceConfig',
};

/** The flow shape of a Connect deploy component. Types the flow does not document get `<type>Config`. */
export function toFlowInput(c: DataKitDeployComponent): FlowComponentInput {
  if (c.type === 'DataStreamBundle') {
    const { bundleConfig, ...rest } = c.config;
    const sub = BUNDLE_SUBCONFIG[String(rest.connectorType)] ?? 'bundleConnectorFrameworkConfig';
    return { componentType: c.type, bundleConfig: { ...rest, [sub]: bundleConfig } };
  }
  const key = CONFIG_KEY[c.type] ?? `${c.type[0].toLowerCase()}${c.type.slice(1)}Config`;
  return { componentType: c.type, [key]: c.config };
}
