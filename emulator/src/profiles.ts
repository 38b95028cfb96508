/*
 * Org profiles: the shapes real orgs answer in where the public material disagrees or is silent. Each profile
 * names what it stands for and where that comes from (docs/api-notes.md, §3.1 and §10). A client must work against every one of them.
 */
import type { Behaviours } from './types.js';

export type Profile = { summary: string; source: string; behaviours: Partial<Behaviours> };

/** What the spec and the developer guide document; every other profile changes some of it. */
export const DOCUMENTED: Behaviours = {
  deploymentLog: 'per-component',
  backgroundOperation: 'present',
  availableFilter: 'honoured',
  listLagMs: 0,
  deleteStatus: 200,
  statusCodeCase: 'upper',
  notDeployed: 'empty200',
  deployStatus: 202,
  logAction: 'present',
};

export const PROFILES: Readonly<Record<string, Profile>> = {
  documented: {
    summary: 'every answer as the spec and the developer guide document it',
    source: 'Connect REST API spec v67; DataKitDeploymentLog object reference (ComponentName, ComponentType fields)',
    behaviours: {},
  },
  'log-per-job': {
    summary: 'DataKitDeploymentLog has one row per job, without ComponentName or ComponentType',
    source:
      "Salesforce's plugin-datakit reads the log as one row per job (... WHERE JobIdentifier = :id ORDER BY CreatedDate DESC LIMIT 1); an org written independently from the docs answered so",
    behaviours: { deploymentLog: 'per-job' },
  },
  'no-deployment-log': {
    summary: 'DataKitDeploymentLog has no rows for the job',
    source:
      'JobIdentifier is missing from the API 61.0 object reference: an org that does not fill it returns no rows for a job id',
    behaviours: { deploymentLog: 'none' },
  },
  'no-background-operation': {
    summary: 'BackgroundOperation has no row for the job id',
    source: 'operator runbooks: poll DataKitDeploymentLog, "not BackgroundOperation - usually empty"',
    behaviours: { backgroundOperation: 'absent' },
  },
  'available-filter-ignored': {
    summary: 'available-components ignores dataKitDevName and lists what the kit already has',
    source:
      'the spec does not say what dataKitDevName does (an open question in the research); an independent org ignored it',
    behaviours: { availableFilter: 'ignored' },
  },
  'list-lag': {
    summary: 'a kit is missing from GET /ssot/data-kits for a few seconds after it is created',
    source: 'troubleshooting notes: "a freshly created kit may not show in the list right away"',
    behaviours: { listLagMs: 1500 },
  },
  'delete-204': {
    summary: 'DELETE of a kit answers 204 No Content',
    source: 'a third-party note observed 204 where the spec declares 200',
    behaviours: { deleteStatus: 204 },
  },
  'status-mixed-case': {
    summary: 'deployment-status status.code in the case of componentDetails[].status (Active, Processing)',
    source:
      'the spec documents only ACTIVE; componentDetails[].status is an enum in mixed case (Active, Deleting, Error, Processing)',
    behaviours: { statusCodeCase: 'mixed' },
  },
  'not-deployed-404': {
    summary: 'deployment-status of a component that is not deployed answers 404',
    source: 'the answer for a component that was never deployed is not documented (empty componentDetails or 404)',
    behaviours: { notDeployed: '404' },
  },
  'deploy-answers-200': {
    summary: 'a deploy answers 200 instead of 202',
    source: 'the spec declares 200, the developer guide says 202 Accepted',
    behaviours: { deployStatus: 200 },
  },
  'log-without-action': {
    summary: 'DataKitDeploymentLog has no DeploymentAction column: selecting it answers 400 INVALID_FIELD',
    source:
      'DeploymentAction was seen in a generated SObject stub only; the object reference does not list it and its values are unknown',
    behaviours: { logAction: 'absent' },
  },
};

export const PROFILE_NAMES = Object.keys(PROFILES);

/** The behaviours of one or more profiles ("log-per-job,list-lag"), on top of the documented ones. */
export function behavioursOf(names: string | string[]): Behaviours {
  const list = (Array.isArray(names) ? names : names.split(',')).map((n) => n.trim()).filter(Boolean);
  const unknown = list.filter((n) => !PROFILES[n]);
  if (unknown.length) throw new Error(`unknown profile ${unknown.join(', ')}; profiles: ${PROFILE_NAMES.join(', ')}`);
  return Object.assign({ ...DOCUMENTED }, ...list.map((n) => PROFILES[n].behaviours)) as Behaviours;
}
