/*
 * What a kit's components become once live in Data Cloud: data streams (one per stream of a bundle), transforms,
 * calculated insights, segments, activations and their targets, identity resolution rulesets, and the
 * connections streams read through. Shapes and status values: the Connect REST API spec v67 (the OpenAPI document
 * in the data-360-sdk package). A component the org was seeded with is live and has run; one a metadata deploy
 * brought is live only once a kit deploy made it ACTIVE, and then idle: never run, never published, its
 * connection without credentials (docs/api-notes.md Q1: credentials never travel).
 *
 * A run takes two clock steps. A FailureRule with phase "run" fails the component's next run.
 */
import type { EmulatorState } from './state.js';
import type { CatalogEntry, Connection, JobStep } from './types.js';
import { CONNECTIONS_CONNECTOR_TYPE } from './vocabulary.js';

export type RunKind = 'stream' | 'transform' | 'insight' | 'segment' | 'activation' | 'identityResolution';

export type Run = {
  status: 'none' | 'running' | 'success' | 'failure';
  startedAt?: number;
  endsAt?: number;
  finishedAt?: number;
  error?: string;
  requestId?: string;
  /** G4: rows the run wrote (0 on empty input), and the transform definition it ran */
  rows?: number;
  definition?: string;
  /** G4: the run found nothing new since the last one (SkippedNoChanges) */
  skipped?: boolean;
};

const RUN_STEPS = 2;

/** A stable id per name and key prefix, so two reads agree. */
export function stableId(prefix: string, name: string): string {
  let h = 7;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return `${prefix}${String(h).padStart(12, '0')}AAA`.slice(0, 18);
}

/** A number that looks like a population or a record count, stable per name. */
export const countOf = (name: string): number => 1000 + (Number(stableId('', name).slice(0, 12)) % 9000);

const isActive = (state: EmulatorState, type: string, name: string): boolean =>
  [...state.deployed.values()].some((d) => d.type === type && d.name === name && d.status === 'Active');

/** The catalog entry of a component that is live in this org, else undefined (a 404 for its resource). */
export function liveEntry(state: EmulatorState, type: string, name: string): CatalogEntry | undefined {
  const entry = state.catalogEntry(type, name);
  if (!entry) return undefined;
  return !entry.arrived || isActive(state, type, name) ? entry : undefined;
}

/** The live bundle a data stream belongs to. */
export function bundleOfStream(state: EmulatorState, stream: string): CatalogEntry | undefined {
  const bundle = state.catalog.find(
    (c) => c.type === 'DataStreamBundle' && (c.streams ?? []).some((s) => s.devName === stream)
  );
  return bundle && liveEntry(state, bundle.type, bundle.name);
}

/** A run as it stands now: one that was due has ended, failing when a run failure rule names it. */
export function runOf(state: EmulatorState, kind: RunKind, name: string, entry: CatalogEntry): Run {
  const key = `${kind}:${name}`;
  let run = state.runs.get(key);
  if (!run) {
    run = entry.arrived ? { status: 'none' } : { status: 'success', finishedAt: state.seededAt };
    state.runs.set(key, run);
  }
  if (run.status === 'running' && state.now() >= (run.endsAt ?? 0)) {
    const rule = state.failures.find((f) => f.phase === 'run' && f.componentName === name);
    if (rule) state.failures.splice(state.failures.indexOf(rule), 1);
    run.status = rule ? 'failure' : 'success';
    run.error = rule?.message;
    run.finishedAt = run.endsAt;
  }
  return run;
}

/** Starts a run unless one is going; false when one was. `extra` says what the run will have done (G4). */
export function startRun(
  state: EmulatorState,
  kind: RunKind,
  name: string,
  entry: CatalogEntry,
  extra: Pick<Run, 'rows' | 'definition' | 'skipped'> = {}
): boolean {
  const run = runOf(state, kind, name, entry);
  if (run.status === 'running') return false;
  const now = state.now();
  state.runs.set(`${kind}:${name}`, {
    status: 'running',
    startedAt: now,
    endsAt: now + RUN_STEPS * state.options.msPerStep,
    requestId: state.newId('0ht'),
    ...extra,
  });
  return true;
}

/** An ISO time, or undefined. */
export const iso = (ms?: number): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

// ---- connections and activation targets: credentials

const CRM = 'SalesforceDotCom';
const authenticated = (c: Connection): boolean => ['Connected', 'Active'].includes(c.status ?? 'Connected');

/** The org's connections: the ones its seeded bundles use, any a test or a deploy added, and its own CRM. */
export function orgConnections(state: EmulatorState): Connection[] {
  const fromCatalog = state.catalog
    .filter((c) => c.connection && !c.arrived)
    .map((c) => ({
      name: c.connection!.name,
      label: c.connection!.name.replace(/_/g, ' '),
      connectorType:
        CONNECTIONS_CONNECTOR_TYPE[c.connection!.connectorType.toUpperCase()] ?? c.connection!.connectorType,
    }));
  const byName = new Map<string, Connection>();
  for (const c of [...fromCatalog, ...state.connections]) byName.set(c.name, { ...byName.get(c.name), ...c });
  // a Data Cloud org is connected to its own CRM from the start (GUESS: the home org connection Setup creates)
  if (![...byName.values()].some((c) => c.connectorType === CRM))
    byName.set('Home_Org', { name: 'Home_Org', label: 'Home Org', connectorType: CRM });
  return [...byName.values()];
}

/** A connection's id (MktDataConnection, 9cg): its own in each org, so an id carried from another org is foreign (G2). */
export const connectionId = (state: EmulatorState, c: Connection): string =>
  c.id ?? stableId('9cg', `${state.identity.orgId}:${c.name}`);

/** The connection a live bundle's streams read through, and whether it has its credentials. */
export function connectionOfBundle(
  state: EmulatorState,
  bundle: CatalogEntry
): { connection?: Connection; authenticated: boolean } {
  const all = orgConnections(state);
  const crm = (bundle.connectorType ?? '').toUpperCase() === 'CRM';
  const name = state.bundleConnections.get(bundle.name) ?? bundle.connection?.name;
  const connection = crm ? all.find((c) => c.connectorType === CRM) : all.find((c) => c.name === name);
  return { connection, authenticated: connection ? authenticated(connection) : false };
}

/**
 * A bundle a kit deploy made ACTIVE: its connection (the name the deploy config sent) exists from then on, without
 * credentials, unless the org had it (Q1). CRM bundles use the org's CRM connection.
 */
export function bundleWentLive(state: EmulatorState, step: JobStep): void {
  const entry = state.catalogEntry('DataStreamBundle', step.name);
  const config = step.config ?? {};
  const bundleConfig = (config.bundleConfig ?? {}) as Record<string, unknown>;
  const connectorType = String(config.connectorType ?? entry?.connectorType ?? '').toUpperCase();
  if (connectorType === 'CRM') return;
  const named = bundleConfig.connectionName ?? bundleConfig.connectorName;
  const name = typeof named === 'string' && named ? named : step.name;
  state.bundleConnections.set(step.name, name);
  if (orgConnections(state).some((c) => c.name === name)) return;
  state.connections.push({
    name,
    label: name.replace(/_/g, ' '),
    connectorType: CONNECTIONS_CONNECTOR_TYPE[connectorType] ?? connectorType,
    status: 'NeedsReAuth',
  });
}

/** The control call that stands for an admin entering credentials: a connection or an activation target. */
export function setCredentials(state: EmulatorState, name: string): boolean {
  const connection = orgConnections(state).find((c) => c.name === name);
  if (connection) {
    const status = connection.connectorType === CRM ? 'Active' : 'Connected';
    const own = state.connections.find((c) => c.name === name);
    if (own) own.status = status;
    else state.connections.push({ ...connection, status });
    return true;
  }
  if (state.catalogEntry('ActivationTarget', name)) {
    state.authenticatedTargets.add(name);
    return true;
  }
  return false;
}

/** A person refreshes a data stream in Setup (Data Streams > Refresh Now): any stream, whatever the API allows (G3). */
export function refreshInSetup(state: EmulatorState, stream: string): boolean {
  const bundle = bundleOfStream(state, stream);
  if (!bundle) return false;
  startRun(state, 'stream', stream, bundle);
  return true;
}

/** An activation target is Active once it has credentials: seeded ones have, arrived ones wait for them. */
export const targetActive = (state: EmulatorState, entry: CatalogEntry): boolean =>
  !entry.arrived || state.authenticatedTargets.has(entry.name);
