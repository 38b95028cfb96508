/*
 * Mocha helpers for suites that run against the emulator: one emulator per suite, reset and re-seeded before each
 * test so tests never see each other's kits, and a fetch with a valid session for tests of the emulator itself.
 */
import { defaultOrg } from './seed/defaultOrg.js';
import { startEmulator, type RunningEmulator, type StartOptions } from './server.js';
import type { EmulatorOptions, SeedFile } from './types.js';

export type EmulatorHandle = { current: RunningEmulator };

/** An org with Data Cloud and nothing in it: where a kit is promoted to. */
export const emptyOrg: SeedFile = {};

export type UseEmulatorOptions = Partial<EmulatorOptions> & { profile?: string };

export function useEmulator(
  seed: SeedFile | undefined = defaultOrg,
  options: UseEmulatorOptions = {},
  identity?: StartOptions['identity']
): EmulatorHandle {
  const handle = {} as EmulatorHandle;
  const { profile, ...rest } = options;
  before(async () => {
    handle.current = await startEmulator({ options: rest, identity });
  });
  beforeEach(() => {
    const { state } = handle.current;
    state.reset();
    state.applyProfile(profile ?? 'documented');
    Object.assign(state.options, { msPerStep: 150, clock: 'clock' }, rest);
    if (seed) state.seed(seed);
  });
  after(async () => handle.current?.close());
  return handle;
}

/** A fetch against the emulator with a valid session. */
export async function call(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(emulator.url + path, {
    method,
    headers: {
      authorization: `Bearer ${emulator.state.identity.orgId.slice(0, 15)}!test`,
      'content-type': 'application/json',
      ...headers,
    },
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
