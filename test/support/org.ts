/*
 * TestContext auth pointed at the emulator: commands run for real, over HTTP, with sf's auth stubbed.
 */
import { randomUUID } from 'node:crypto';
import { Org } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import type { EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import type { OrgWriter } from '../../src/api/writer.js';
import { openChange } from '../../src/governance/gate.js';

class EmulatorOrgData extends MockTestOrgData {
  public constructor(url: string, orgId: string) {
    super();
    this.instanceUrl = url;
    this.orgId = orgId;
    this.accessToken = `${orgId.slice(0, 15)}!unit.test.session`;
  }

  public override async getConfig(): Promise<Record<string, unknown>> {
    // a stored API version keeps the connection from asking the (stubbed) org for one
    return {
      ...(await super.getConfig()),
      instanceApiVersion: '66.0',
      instanceApiVersionLastRetrieved: new Date().toISOString(),
    };
  }
}

export type OrgFixture = { $$: TestContext; username: () => string; ux: () => ReturnType<typeof stubSfCommandUx> };

export function useEmulatorOrg(emulator: EmulatorHandle): OrgFixture {
  return useEmulatorOrgs(emulator)[0];
}

/** One TestContext with an org per emulator (each with its own org id and username), for two-org commands. */
export function useEmulatorOrgs(...emulators: EmulatorHandle[]): OrgFixture[] {
  return emulatorOrgs(emulators, 'each');
}

/**
 * The same, set up once for the whole file: for suites of hundreds of short cases that each reset what they read
 * (the contract tests), where a fresh context per case would cost a fifth of the time.
 */
export function useEmulatorOrgsOncePerFile(...emulators: EmulatorHandle[]): OrgFixture[] {
  return emulatorOrgs(emulators, 'once');
}

function emulatorOrgs(emulators: EmulatorHandle[], scope: 'each' | 'once'): OrgFixture[] {
  const $$ = new TestContext({ setup: false });
  let orgs: EmulatorOrgData[] = [];
  let ux: ReturnType<typeof stubSfCommandUx>;
  // a project folder of its own per test (TestContext's local path, read when used): records never cross tests
  beforeEach(() => {
    ($$ as { id: string }).id = randomUUID();
  });
  const setUp = async (): Promise<void> => {
    $$.init();
    orgs = emulators.map((e) => new EmulatorOrgData(e.current.url, e.current.state.identity.orgId));
    await $$.stubAuths(...orgs);
    ux = stubSfCommandUx($$.SANDBOX);
    stubSpinner($$.SANDBOX);
  };
  (scope === 'each' ? beforeEach : before)(setUp);
  (scope === 'each' ? afterEach : after)(() => $$.restore());
  // job commands set the exit code the way sf does; it must not leak into mocha's
  afterEach(() => {
    process.exitCode = undefined;
  });
  return emulators.map((_, i) => ({ $$, username: () => orgs[i].username, ux: () => ux }));
}

/** Everything the stubbed UX printed, as one string. */
export function printed(ux: ReturnType<typeof stubSfCommandUx>): string {
  return [ux.log, ux.logSuccess, ux.info, ux.warn, ux.table, ux.logToStderr]
    .flatMap((s) => s.getCalls().flatMap((c) => c.args as unknown[]))
    .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
    .join('\n');
}

/** Makes stdin look like a terminal for the rest of the test, so commands may prompt (the prompt itself is stubbed). */
export function pretendTerminal(): void {
  const before = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
  Object.defineProperty(process.stdin, 'isTTY', { value: true, configurable: true });
  afterEachOnce(() => {
    if (before) Object.defineProperty(process.stdin, 'isTTY', before);
    else delete (process.stdin as { isTTY?: boolean }).isTTY;
  });
}

const pendingRestores: Array<() => void> = [];
function afterEachOnce(restore: () => void): void {
  pendingRestores.push(restore);
}
afterEach(() => {
  for (const restore of pendingRestores.splice(0)) restore();
});

/** Forgets what the stubbed UX printed so far, for tests that run several commands. */
export function forgetPrinted(ux: ReturnType<typeof stubSfCommandUx>): void {
  for (const s of [ux.log, ux.logSuccess, ux.info, ux.warn, ux.table, ux.logToStderr]) s.resetHistory();
}

/**
 * A writer on an org, through the gate as every command gets one (tests that start jobs or deploys themselves):
 * no terminal, --no-prompt, no reason; a protected org refuses it as it would a command.
 */
export async function gatedWriter(username: string, apiVersion?: string): Promise<OrgWriter> {
  const org = await Org.create({ aliasOrUsername: username });
  const change = await openChange(
    { canAsk: false, ask: () => Promise.reject(new Error('no terminal in a test')) },
    { org, label: username, kit: 'Test_Kit', what: 'a test', command: 'test', argv: [], noPrompt: true, apiVersion }
  );
  return change.writer;
}
