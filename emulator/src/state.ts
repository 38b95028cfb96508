import type {
  CatalogEntry,
  ComponentKey,
  Connection,
  DeployedComponent,
  DeployLog,
  EmulatorOptions,
  FailureRule,
  Faults,
  Job,
  Kit,
  Mutation,
  SeedFile,
} from './types.js';
import type { OrgTemplates } from './kitMetadata.js';
import type { Run } from './runtime.js';
import { asAuthored } from './authoredTemplates.js';
import { behavioursOf, DOCUMENTED } from './profiles.js';

export const DEFAULT_OPTIONS: EmulatorOptions = {
  ...DOCUMENTED,
  clock: 'clock',
  msPerStep: 150,
  observedDeleteQuirk: false,
  rejectLocalDeploy: false,
  maxApiVersion: '66.0',
  isSandbox: false,
};

export const noFaults = (): Faults => ({
  latencyMs: 0,
  transient: [],
  sessionExpired: false,
  malformed: [],
  reset: [],
  noDataCloud: false,
  noMetadataApi: false,
  ignoreOffset: false,
});

export type OrgIdentity = { orgId: string; userId: string; username: string; orgName: string };

export type RequestRecord = {
  method: string;
  path: string;
  query: string;
  body?: unknown;
  /** the SOAP operation (retrieve, deploy, checkDeployStatus, ...) of a Metadata API call */
  operation?: string;
  status?: number;
  at: number;
};

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Everything the org knows. One instance per emulator; tests reset or reseed it through /__emulator. */
export class EmulatorState {
  public kits = new Map<string, Kit>();
  public catalog: CatalogEntry[] = [];
  public dependencies = new Map<string, ComponentKey[]>();
  /** key: `${kit}|${componentName}` */
  public deployed = new Map<string, DeployedComponent>();
  public jobs = new Map<string, Job>();
  public logs: DeployLog[] = [];
  public failures: FailureRule[] = [];
  public faults: Faults = noFaults();
  public options: EmulatorOptions;
  public requests: RequestRecord[] = [];
  /** fields the contract test drops or nulls in answers */
  public mutations: Mutation[] = [];
  /** "Type:fullName" of every member a successful metadata deploy brought */
  public metadata = new Set<string>();
  public dataSpaces = new Set<string>(['default']);
  /** template files (by "Type:fullName") a metadata deploy or a test edit put here, replacing the default content */
  public templateFiles = new Map<string, string>();
  /** people besides the org's admin (identity.userId), by id; `actingUserId` is who makes the next change */
  public users = new Map<string, { Username: string; Name: string }>();
  public actingUserId?: string;
  /** connections the org has besides the ones its catalog's bundles use */
  public connections: Connection[] = [];
  /** runs of live components (runtime.ts), by "kind:name" */
  public runs = new Map<string, Run>();
  /** bundle -> the connection name its deploy config sent */
  public bundleConnections = new Map<string, string>();
  /** activation targets whose credentials were entered (arrived ones have none) */
  public authenticatedTargets = new Set<string>();
  /** kit -> when a metadata deploy last brought it (F6: jobs right after it end Error) */
  public kitArrivedAt = new Map<string, number>();
  /** DLOs that exist here outside any kit, linked to a data stream: DLO API name -> stream name (F7) */
  public linkedDlos = new Map<string, string>();
  /** query locators: the rows a query answer left for nextRecordsUrl */
  public queryCursors = new Map<string, Array<Record<string, unknown>>>();
  /** when the seeded components last ran */
  public seededAt = Date.now() - 3_600_000;
  /** manual clock value (ms) when options.clock === 'manual' */
  private manualNow = 0;
  private idCounter = 0;

  public constructor(
    public readonly identity: OrgIdentity,
    options: Partial<EmulatorOptions> = {}
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Switches to the behaviours of the named profiles (comma-separated), leaving clock and versions alone. */
  public applyProfile(names: string | string[]): void {
    Object.assign(this.options, behavioursOf(names));
  }

  public now(): number {
    return this.options.clock === 'manual' ? this.manualNow : Date.now();
  }

  /** manual clock: one tick is one job step */
  public tick(steps: number): void {
    this.manualNow += steps * this.options.msPerStep;
  }

  /** Salesforce-looking ids: 3-char key prefix + zero-padded counter + suffix, 15 or 18 chars. */
  public newId(prefix: string, length: 15 | 18 = 18): string {
    this.idCounter += 1;
    const body = `${this.identity.orgId.slice(3, 5)}0${this.idCounter.toString(36).toUpperCase().padStart(9, '0')}`;
    const base = `${prefix}${body}`.slice(0, 15);
    if (length === 15) return base;
    let suffix = '';
    for (let i = 0; i < 3; i++) suffix += ID_ALPHABET[(this.idCounter * 7 + i * 13) % 26];
    return base + suffix;
  }

  public reset(): void {
    this.kits.clear();
    this.catalog = [];
    this.dependencies.clear();
    this.deployed.clear();
    this.jobs.clear();
    this.logs = [];
    this.failures = [];
    this.faults = noFaults();
    this.requests = [];
    this.mutations = [];
    this.metadata.clear();
    this.dataSpaces = new Set(['default']);
    this.templateFiles.clear();
    this.users.clear();
    this.actingUserId = undefined;
    this.connections = [];
    this.runs.clear();
    this.bundleConnections.clear();
    this.authenticatedTargets.clear();
    this.kitArrivedAt.clear();
    this.linkedDlos.clear();
    this.queryCursors.clear();
    this.idCounter = 0;
    this.manualNow = 0;
  }

  public seed(seed: SeedFile): void {
    const now = this.now();
    for (const kit of seed.kits ?? []) {
      this.kits.set(kit.devName, {
        authoredHere: false,
        source: 'api',
        ...kit,
        components: kit.components.map((c) => ({ ...c, info: { ...c.info } })),
        createdAt: now - 1_000_000,
        manifestStamp: 1_762_749_290_261 + this.kits.size,
      });
    }
    // copies: a test that changes an entry must not change the seed the next test starts from
    this.catalog.push(...(seed.catalog ?? []).map((c) => ({ ...c })));
    for (const space of [...(seed.dataSpaces ?? []), ...(seed.kits ?? []).map((k) => k.dataSpaceName)])
      this.dataSpaces.add(space);
    for (const [type, count] of Object.entries(seed.generate ?? {})) this.catalog.push(...generateCatalog(type, count));
    for (const [key, deps] of Object.entries(seed.dependencies ?? {})) this.dependencies.set(key, deps);
    this.connections.push(...(seed.connections ?? []).map((c) => ({ ...c })));
    for (const d of seed.linkedDlos ?? []) this.linkedDlos.set(d.name, d.stream);
    for (const d of seed.deployed ?? []) {
      this.deployed.set(`${d.kit}|${d.name}`, { ...d, componentId: this.newId('0gO') });
    }
  }

  public catalogEntry(type: string, name: string): CatalogEntry | undefined {
    return this.catalog.find((c) => c.type === type && c.name === name);
  }

  /** What kit metadata needs from the org: dependencies, and template files that replaced the defaults. */
  public templates(): OrgTemplates {
    return {
      needs: (type, name) => this.dependenciesOf(type, name),
      stored: (type, fullName) => this.templateFiles.get(`${type}:${fullName}`),
      asReturned: (component, file) => asAuthored(this, component, file),
    };
  }

  /** Who is making changes now: the acting user a test chose, else the admin who logged in. */
  public actingUser(): string {
    return this.actingUserId ?? this.identity.userId;
  }

  /** A User record's fields as SOQL relationships read them (CreatedBy.Username). */
  public user(id: string): { Username: string; Name: string } | undefined {
    if (id.slice(0, 15) === this.identity.userId.slice(0, 15))
      return { Username: this.identity.username, Name: 'Emulator Admin' };
    return this.users.get(id);
  }

  public dependenciesOf(type: string, name: string): ComponentKey[] {
    return this.dependencies.get(`${type}:${name}`) ?? [];
  }

  public failureFor(kit: string, component: string, phase: FailureRule['phase']): FailureRule | undefined {
    return this.failures.find((f) => f.dataKitName === kit && f.componentName === component && f.phase === phase);
  }
}

const GENERATED_SUFFIX: Record<string, string> = {
  DataLakeObject: '__dll',
  CalculatedInsight: '__cio',
  DataModelObject: '__dlm',
};

/** Bulk catalog entries for large-org tests ("more than 500 available components"). */
export function generateCatalog(type: string, count: number): CatalogEntry[] {
  const short = type.replace(/[a-z]/g, '') || type;
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return { type, name: `Bulk_${short}_${n}${GENERATED_SUFFIX[type] ?? ''}`, label: `Bulk ${short} ${n}` };
  });
}
