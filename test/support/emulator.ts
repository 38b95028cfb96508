/*
 * One emulator per test file, re-seeded before each test so tests never see each other's kits.
 */
import { startEmulator, type RunningEmulator, type StartOptions } from '../../src/emulator/server.js';
import { defaultOrg } from '../../src/emulator/seed/defaultOrg.js';
import type { EmulatorOptions, SeedFile } from '../../src/emulator/types.js';

export type EmulatorHandle = { current: RunningEmulator };

/** An org with Data Cloud and nothing in it: where a kit is promoted to. */
export const emptyOrg: SeedFile = {};

export function useEmulator(seed: SeedFile | undefined = defaultOrg, options: Partial<EmulatorOptions> = {}, identity?: StartOptions['identity']): EmulatorHandle {
  const handle = {} as EmulatorHandle;
  before(async () => {
    handle.current = await startEmulator({ options, identity });
  });
  beforeEach(() => {
    const { state } = handle.current;
    state.reset();
    Object.assign(state.options, { msPerStep: 150, clock: 'clock' }, options);
    if (seed) state.seed(seed);
  });
  after(async () => handle.current?.close());
  return handle;
}

/** A fetch against the emulator with a valid session, for tests of the emulator itself. */
export async function call(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(emulator.url + path, {
    method,
    headers: { authorization: `Bearer ${emulator.state.identity.orgId.slice(0, 15)}!test`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
