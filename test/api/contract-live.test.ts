/*
 * The contract test for what verify and --activate read: every field of every live-resource answer (streams,
 * transforms, insights, identity resolution, segments, activations and targets, connections and their tests,
 * run and publish answers) missing and null; each command still ends with a documented exit code and a message.
 */
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitVerify from '../../src/commands/datakit/verify.js';
import { contractTests, type Reader, type Runner } from '../support/contract.js';
import { useEmulatorOrgs } from '../support/org.js';

/** verify reads every kind of live resource: Retail_Core has streams, a transform, an insight; Marketing_Activation the rest */
const verify: Runner = async (org) => {
  await DatakitVerify.run(['-o', org, '-n', 'Retail_Core', '--json']);
  return DatakitVerify.run(['-o', org, '-n', 'Marketing_Activation', '--json']);
};
/** --activate starts and watches runs: the kits' components as a kit deploy leaves them, live and never run */
const activate: Runner = async (org, state) => {
  for (const entry of state.catalog) entry.arrived = true;
  for (const kit of ['Retail_Core', 'Marketing_Activation'])
    for (const c of state.kits.get(kit)!.components)
      state.deployed.set(`${kit}|${c.info.name}`, {
        kit,
        type: c.type,
        name: c.info.name,
        componentId: 'x',
        status: 'Active',
      });
  await DatakitVerify.run(['-o', org, '-n', 'Retail_Core', '--activate', '--no-prompt', '--wait', '1', '--json']);
  return DatakitVerify.run([
    '-o',
    org,
    '-n',
    'Marketing_Activation',
    '--activate',
    '--no-prompt',
    '--wait',
    '1',
    '--json',
  ]);
};

const READERS: Reader[] = [
  { type: 'WireConnectionCollection', resource: 'connections', root: '', run: { verify } },
  { type: 'WireActionResponse', resource: 'connectionTest', root: '', run: { verify } },
  { type: 'WireDataStream', resource: 'stream', root: '', run: { verify, activate } },
  { type: 'WireDataTransform', resource: 'transform', root: '', run: { verify, activate } },
  { type: 'WireCalculatedInsight', resource: 'insight', root: '', run: { verify, activate } },
  { type: 'WireIdentityResolution', resource: 'identityResolution', root: '', run: { verify, activate } },
  { type: 'WireSegmentContainer', resource: 'segment', root: '', run: { verify, activate } },
  { type: 'WireActivationCollection', resource: 'activations', root: '', run: { verify, activate } },
  { type: 'WireActivation', resource: 'activations', root: 'activations[].', run: { verify, activate } },
  { type: 'WireActivationTargetCollection', resource: 'activationTargets', root: '', run: { verify } },
  { type: 'WireActionResponse', resource: 'transformRun', root: '', run: { activate } },
  { type: 'WireActionResponse', resource: 'insightRun', root: '', run: { activate } },
  { type: 'WireActionResponse', resource: 'segmentPublish', root: '', run: { activate } },
  { type: 'WireActionResponse', resource: 'activationPublish', root: '', run: { activate } },
  { type: 'WireRunNow', resource: 'identityResolutionRun', root: '', run: { activate } },
];

describe('contract: every field of every live-resource answer, missing or null', function () {
  this.timeout(120_000);
  const emulator = useEmulator(undefined, { msPerStep: 2 });
  const [org] = useEmulatorOrgs(emulator);
  contractTests(READERS, emulator, org);
});
