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
  kitList: 'any',
  kitRead: 'none',
  dloListing: 'api-name',
  devopsBody: 'developer-name',
  redeployStatus: 'processing',
  jobResource: 'none',
  settleAfterMetadataMs: 0,
  existingDlo: 'adopted',
  kitTypeWords: 'reference',
  kitObjectReference: 'component-type',
  authoringElements: 'absent',
  orgIdsInTemplates: 'absent',
  crmStreamRuns: 'any',
  transformRuns: 'simple',
  actionBodies: 'optional',
  retrieverDirection: 'any',
};

const SINGLE_PROFILES: Readonly<Record<string, Profile>> = {
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
      'DeploymentAction (Deploy, Undeploy) is in the object reference from API 66.0 (forcedotcom/sf-skills object references, field-reports.md); an older org has no such column',
    behaviours: { logAction: 'absent' },
  },
  // Field reports (../shared/research/field-reports.md, docs/api-notes.md §11): what operators saw on real orgs.
  'list-needs-namespace': {
    summary: 'F1: GET /ssot/data-kits without namespace answers 500; GET /ssot/data-kits/{kit} reads one kit',
    source:
      'stevetwinshark/data-kit-deploy-sf-cli findings.md (v67.0 and v68.0 sandboxes): INTERNAL_SERVER_ERROR without namespace; their tool reads /ssot/data-kits/{kit} -> {"dataKitDetails":[kit]}',
    behaviours: { kitList: 'needs-namespace', kitRead: 'single' },
  },
  'dlo-shells': {
    summary:
      'F2: DLOs listed as Orders_Enriched1 plus a type-less shell labelled Orders_Enriched__dll; deployment-status only by the kit name; log rows suffixed',
    source:
      'stevetwinshark/data-kit-deploy-sf-cli tests/fixtures/kit.json, scripts/derive_payload.py, findings.md; salesforce-misc/Data360MedTechSolutionKit (log rows "Contact_Home19", ComponentType unreliable on Internal Error rows)',
    behaviours: { dloListing: 'with-shells' },
  },
  'devops-empty-body': {
    summary: 'F3: a DevOps kit deploys with {} only; any key but an empty components list answers JSON_PARSER_ERROR',
    source:
      'salesforce-misc/Data360AgentforceSolutionKitRetail .claude/skills/datakit-api-deploy/SKILL.md: "Sending dataKitName or other fields causes JSON_PARSER_ERROR"',
    behaviours: { devopsBody: 'empty-only' },
  },
  'status-active-at-once': {
    summary: 'F4: deployment-status says ACTIVE at once for a component already active when it is redeployed',
    source:
      'stevetwinshark/data-kit-deploy-sf-cli findings.md: "For a component already active it reports ACTIVE at once"',
    behaviours: { redeployStatus: 'active-at-once' },
  },
  'job-resource': {
    summary:
      'F5: GET /ssot/datakit-deployment-job/{jobId} -> {jobId, jobStatus, jobResults, errors}; no BackgroundOperation row',
    source:
      'salesforce-misc/Data360AgentforceSolutionKitRetail datakit-api-deploy SKILL.md (v66.0, job 08PHn00000lZMgb); spec schema CdpDataKitDeployJobOutputRepresentation without a path; runbooks: BackgroundOperation "usually empty"',
    behaviours: { jobResource: 'datakit-deployment-job', backgroundOperation: 'absent' },
  },
  'job-resource-plural': {
    summary: 'F5: the job resource at /ssot/data-kits/deployment-jobs/{jobId}',
    source: 'another public tool calls /ssot/data-kits/deployment-jobs/{jobId} (field-reports.md, installers section)',
    behaviours: { jobResource: 'deployment-jobs', backgroundOperation: 'absent' },
  },
  'settling-after-metadata': {
    summary:
      'F6: the first kit job within 2 s of a metadata deploy of the kit ends Error (objects locked, metadata settling)',
    source:
      'salesforce-misc/Data360AgentforceSolutionKitRetail datakit-api-deploy SKILL.md step 9.5: first job often ends Error after a metadata deploy; a new POST 30-60 s later succeeds',
    behaviours: { settleAfterMetadataMs: 2000 },
  },
  'existing-dlo': {
    summary: 'F7: a deploy never adopts a DLO that already exists here linked to a data stream',
    source:
      'salesforce-misc Data360 solution-kit installers: "The ... data lake object already exists in this org and is linked to a data stream"',
    behaviours: { existingDlo: 'refused' },
  },
  'kit-type-upper': {
    summary: 'F8: kit types spelled NONE and SANDBOX in retrieved definitions and list answers',
    source: 'holapancho/packaging-datacloud-skill references/kit-definition-metadata.md',
    behaviours: { kitTypeWords: 'upper' },
  },
  'reference-template-type': {
    summary: "F9: DataPackageKitObject.referenceObjectType holds the template's type (DataKitObjectTemplate, ...)",
    source: 'a second held-out org written independently from the docs (issue 23, F9)',
    behaviours: { kitObjectReference: 'template-type' },
  },
  'authoring-elements': {
    summary:
      'G1: transform and stream templates read in the org that authored them carry externalDataTranField/externalDataTranObject; a deployed copy does not',
    source:
      'everanngitmaker/d360-deploy-cli-pipeline scripts/diff_report.py normalize_content: "returned by Salesforce on retrieve when a field template is created directly in the dev org ... no longer returns the element" once deployed',
    behaviours: { authoringElements: 'returned' },
  },
  'org-ids-in-templates': {
    summary:
      "G2: templates carry the authoring org's record ids (a connection's 9cg id as id and in url, the exporting user's 005 id in importDirectory); a kit job in another org fails on them",
    source:
      'salesforce-misc/Data360MedTechSolutionKit .claude/skills/datakit-install/SKILL.md step 1.4a: "Access denied — importDirectory does not belong to the current user" until both ids are rewritten',
    behaviours: { orgIdsInTemplates: 'carried' },
  },
  'crm-streams-interactive': {
    summary:
      'G3: a SalesforceDotCom stream run answers 400 "not allowed to run in non-interactive mode"; with interactive=true, 412 unless its refresh mode is FULL_REFRESH',
    source:
      'runbooks and an SDK docstring (field-reports.md); holapancho/packaging-datacloud-skill post-install-deploy-runbook.md: "SalesforceDotCom UPSERT streams typically cannot refresh via Connect REST"',
    behaviours: { crmStreamRuns: 'interactive-full-refresh' },
  },
  'transform-definitions': {
    summary:
      'G4: a transform with several definitions needs definitionName to run; a first run on empty input ends SkippedNoChanges or Success with 0 rows',
    source:
      'holapancho/packaging-datacloud-skill post-install-deploy-runbook.md and deploy-kit-components.md ("definitionName from GET transform (definitions[].name)", SKIPPED_NO_CHANGES, "SUCCESS with 0 output rows"); spec v67: "Definition name is required for multi-definition transforms"',
    behaviours: { transformRuns: 'definitions' },
  },
  'action-bodies': {
    summary:
      'G5: runs, run-now and publishes need the body {}; a segment publish answers 201 with errors:[{}]; the connection test answers INTERNAL_ERROR for CRM and other non-JDBC connectors',
    source:
      'salesforce-misc/Data360AgentforceSolutionKitRetail .claude/skills/refresh-data-cloud-components/SKILL.md (the test answer is second-hand)',
    behaviours: { actionBodies: 'empty-json' },
  },
  'retriever-direction': {
    summary:
      'G6: an MlRetriever in a DevOps kit deploys only into a production org (from its own sandbox); elsewhere the component ends Error',
    source: 'Salesforce Help article 005315426: sandbox to sandbox and production to production are not supported',
    behaviours: { retrieverDirection: 'sandbox-to-production' },
  },
};

/** Every field report at once: the closest this emulator comes to a real v67/v68 org. */
export const FIELD_REPORTS = [
  'list-needs-namespace',
  'dlo-shells',
  'devops-empty-body',
  'status-active-at-once',
  'job-resource',
  'settling-after-metadata',
  'existing-dlo',
  'kit-type-upper',
  'reference-template-type',
  'authoring-elements',
  'org-ids-in-templates',
  'crm-streams-interactive',
  'transform-definitions',
  'action-bodies',
  'retriever-direction',
];

export const PROFILES: Readonly<Record<string, Profile>> = {
  ...SINGLE_PROFILES,
  'field-reports': {
    summary: 'every field report at once',
    source: 'the sources of each profile it combines',
    behaviours: Object.assign({}, ...FIELD_REPORTS.map((n) => SINGLE_PROFILES[n].behaviours)) as Partial<Behaviours>,
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
