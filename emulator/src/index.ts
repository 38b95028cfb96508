/*
 * The local Data Cloud org: what tests, the demo and the benchmark start.
 */
export { startEmulator, DEFAULT_IDENTITY, type RunningEmulator, type StartOptions } from './server.js';
export { EmulatorState, generateCatalog, type OrgIdentity, type RequestRecord } from './state.js';
export { PROFILES, PROFILE_NAMES, DOCUMENTED, behavioursOf, type Profile } from './profiles.js';
export { defaultOrg, largeOrg } from './seed/defaultOrg.js';
export { runQuery } from './routes/query.js';
export { zip, unzip } from './zip.js';
export { editTemplate, templateFile, type TemplateEdit } from './templateEdits.js';
export type * from './types.js';
export { refreshInSetup, setCredentials } from './runtime.js';
