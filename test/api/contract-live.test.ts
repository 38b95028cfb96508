/*
 * The contract test for what verify and --activate read: every field of every live-resource answer (streams,
 * transforms, insights, identity resolution, segments, activations and targets, connections and their tests,
 * run and publish answers) missing and null; each command still ends with a documented exit code and a message.
 */
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitVerify from '../../src/commands/datakit/verify.js';
import { contractTests, type Reader, type Runner } from '../support/contract.js';
import { useEmulatorOrgsOncePerFile } from '../support/org.js';

/** Retail_Core has stream bundles, a transform and an insight; Marketing_Activation identity resolution, an
 * insight, a segment, an activation and its target: each answer is read by the kit that has it. */
const RETAIL = 'Retail_Core';
const MARKETING = 'Marketing_Activation';

const verify =
  (kit: string): Runner =>
  (org) =>
    DatakitVerify.run(['-o', org, '-n', kit, '--json']);

/** --activate starts and watches runs: the kit's components as a kit deploy leaves them, live and never run */
const activate =
  (kit: string): Runner =>
  (org, state) => {
    for (const entry of state.catalog) {
      // bundles keep their seeded connections (with credentials), so their streams can be started
      if (entry.type !== 'DataStreamBundle') entry.arrived = true;
      for (const stream of entry.streams ?? []) state.runs.set(`stream:${stream.devName}`, { status: 'none' });
    }
    for (const c of state.kits.get(kit)!.components)
      state.deployed.set(`${kit}|${c.info.name}`, {
        kit,
        type: c.type,
        name: c.info.name,
        componentId: 'x',
        status: 'Active',
      });
    return DatakitVerify.run(['-o', org, '-n', kit, '--activate', '--no-prompt', '--wait', '1', '--json']);
  };

const READERS: Reader[] = [
  { type: 'WireConnectionCollection', resource: 'connections', root: '', run: { verify: verify(RETAIL) } },
  { type: 'WireActionResponse', resource: 'connectionTest', root: '', run: { verify: verify(RETAIL) } },
  { type: 'WireDataStream', resource: 'stream', root: '', run: { verify: verify(RETAIL), activate: activate(RETAIL) } },
  {
    type: 'WireDataTransform',
    resource: 'transform',
    root: '',
    run: { verify: verify(RETAIL), activate: activate(RETAIL) },
  },
  {
    type: 'WireTransformRunHistory',
    resource: 'transformRunHistory',
    root: '',
    run: { verify: verify(RETAIL), activate: activate(RETAIL) },
  },
  {
    type: 'WireCalculatedInsight',
    resource: 'insight',
    root: '',
    run: { verify: verify(MARKETING), activate: activate(MARKETING) },
  },
  {
    type: 'WireIdentityResolution',
    resource: 'identityResolution',
    root: '',
    run: { verify: verify(MARKETING), activate: activate(MARKETING) },
  },
  {
    type: 'WireSegmentContainer',
    resource: 'segment',
    root: '',
    run: { verify: verify(MARKETING), activate: activate(MARKETING) },
  },
  {
    type: 'WireActivationCollection',
    resource: 'activations',
    root: '',
    run: { verify: verify(MARKETING), activate: activate(MARKETING) },
  },
  {
    type: 'WireActivation',
    resource: 'activations',
    root: 'activations[].',
    run: { verify: verify(MARKETING), activate: activate(MARKETING) },
  },
  {
    type: 'WireActivationTargetCollection',
    resource: 'activationTargets',
    root: '',
    run: { verify: verify(MARKETING) },
  },
  { type: 'WireActionResponse', resource: 'streamRun', root: '', run: { activate: activate(RETAIL) } },
  { type: 'WireActionResponse', resource: 'transformRun', root: '', run: { activate: activate(RETAIL) } },
  { type: 'WireActionResponse', resource: 'insightRun', root: '', run: { activate: activate(MARKETING) } },
  { type: 'WireActionResponse', resource: 'segmentPublish', root: '', run: { activate: activate(MARKETING) } },
  { type: 'WireActionResponse', resource: 'activationPublish', root: '', run: { activate: activate(MARKETING) } },
  { type: 'WireRunNow', resource: 'identityResolutionRun', root: '', run: { activate: activate(MARKETING) } },
];

describe('contract: every field of every live-resource answer, missing or null', function () {
  this.timeout(120_000);
  const emulator = useEmulator(undefined, { msPerStep: 2 });
  const [org] = useEmulatorOrgsOncePerFile(emulator);
  contractTests(READERS, emulator, org);
});
