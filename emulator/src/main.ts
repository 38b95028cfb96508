#!/usr/bin/env node
/*
 * `npm run emulator -- [--port N] [--seed default|large|empty|FILE.json] [--profile NAME[,NAME]] [--org-id 00D...]
 *                       [--username U] [--clock clock|manual] [--ms-per-step N] [--url-file PATH]`
 * Starts the local org and prints its URL on the first line of stdout. Ctrl-C stops it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultOrg, largeOrg } from './seed/defaultOrg.js';
import { startEmulator } from './server.js';
import type { SeedFile } from './types.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: 'default' },
    profile: { type: 'string', default: 'documented' },
    'org-id': { type: 'string' },
    username: { type: 'string' },
    clock: { type: 'string', default: 'clock' },
    'ms-per-step': { type: 'string' },
    'url-file': { type: 'string' },
  },
});

function loadSeed(name: string): SeedFile | undefined {
  if (name === 'empty') return undefined;
  if (name === 'default') return defaultOrg;
  if (name === 'large') return largeOrg;
  return JSON.parse(readFileSync(name, 'utf8')) as SeedFile;
}

const orgId = values['org-id'];
const emulator = await startEmulator({
  port: Number(values.port),
  seed: loadSeed(values.seed),
  profile: values.profile,
  identity: {
    ...(orgId ? { orgId } : {}),
    ...(values.username ? { username: values.username } : {}),
  },
  options: {
    clock: values.clock === 'manual' ? 'manual' : 'clock',
    ...(values['ms-per-step'] ? { msPerStep: Number(values['ms-per-step']) } : {}),
  },
});
if (values['url-file']) writeFileSync(values['url-file'], emulator.url);
process.stdout.write(
  `Data Cloud org emulator listening on ${emulator.url} (org ${emulator.state.identity.orgId}, user ${emulator.state.identity.username}, profile ${values.profile})\n`
);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
