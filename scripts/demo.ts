/*
 * The main job, end to end: start the embedded Data Cloud org emulator, log in with the real
 * `sf org login access-token` flow, and run the data kit lifecycle through `sf datakit` commands.
 * Run with: npm run demo
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultOrg, editTemplate, refreshInSetup, setCredentials, startEmulator } from '@sfdatakit/org-emulator';
import { ROOT, SfHome } from './lib/sf.js';

type Step = { title: string; args: string[]; expectCode?: number; before?: () => void; cwd?: string };

const ORG = 'emulator';
const UAT = 'uat';
const KIT = 'Demo_Orders_Kit';

const home = new SfHome();
const packageXml = join(home.dir, 'manifest', 'package.xml');
// a source-format project holding a data kit's metadata (the e2e tests deploy the same one)
const PROJECT = join(home.dir, 'kit-project');
cpSync(join(ROOT, 'test', 'fixtures', 'kit-project'), PROJECT, { recursive: true });
// an empty project to retrieve a kit into, as a team would before committing it
const GIT_PROJECT = join(home.dir, 'git-project');
mkdirSync(GIT_PROJECT, { recursive: true });
cpSync(
  join(ROOT, 'test', 'fixtures', 'retail-kit-project', 'sfdx-project.json'),
  join(GIT_PROJECT, 'sfdx-project.json')
);

const steps: Step[] = [
  { title: 'The kits the org already has', args: ['datakit', 'list', '-o', ORG] },
  {
    title: 'What data lake objects could go into a kit',
    args: ['datakit', 'component', 'list', '--available', '--type', 'DLO', '-o', ORG],
  },
  {
    title: 'Create a kit with one data lake object',
    args: [
      'datakit',
      'create',
      '-o',
      ORG,
      '--name',
      KIT,
      '--label',
      'Demo Orders',
      '--component',
      'DLO:Orders_S3__dll',
    ],
  },
  {
    title: 'A typo gets a clear error and the closest name (exit code 1)',
    args: ['datakit', 'component', 'add', '-o', ORG, '--name', 'Demo_Order_Kit', '-c', 'DLO:Orders_S3__dll'],
    expectCode: 1,
  },
  {
    title: 'What does the DLO need?',
    args: ['datakit', 'component', 'dependencies', '-o', ORG, '--name', KIT, '-c', 'DLO:Orders_S3__dll', '--recursive'],
  },
  {
    title: 'Add the transform and everything it needs; dependencies are ordered first',
    args: [
      'datakit',
      'component',
      'add',
      '-o',
      ORG,
      '--name',
      KIT,
      '-c',
      'DataTransform:Orders_Cleanup',
      '-c',
      'DataStreamBundle:S3_Orders_Bundle',
      '--with-dependencies',
    ],
  },
  { title: 'The kit, in deployment order', args: ['datakit', 'component', 'list', '-o', ORG, '--name', KIT] },
  {
    title: 'Its metadata, as a package.xml for sf project retrieve start',
    args: ['datakit', 'manifest', '-o', ORG, '--name', KIT, '--output-file', packageXml],
  },
  {
    title: 'Check the deploy first: dependencies, order, nothing mid-deploy (changes nothing)',
    args: ['datakit', 'deploy', '-o', ORG, '--name', KIT, '--dry-run'],
  },
  {
    title: 'Deploy it and watch each component go live; JUnit for CI',
    args: ['datakit', 'deploy', '-o', ORG, '--name', KIT, '--junit', '--results-dir', join(home.dir, 'results')],
  },
  { title: 'Where each component stands', args: ['datakit', 'status', '-o', ORG, '--name', KIT] },
  {
    title: 'A deploy that fails part-way exits 68 and names the component (the emulator fails the transform)',
    args: ['datakit', 'deploy', '-o', ORG, '--name', KIT],
    expectCode: 68,
    before: () => failTransform(),
  },
  {
    title: 'Roll back: undeploy in reverse dependency order',
    args: ['datakit', 'undeploy', '-o', ORG, '--name', KIT, '--no-prompt'],
  },
  {
    title: 'Take the transform out of the kit',
    args: ['datakit', 'component', 'remove', '-o', ORG, '--name', KIT, '-c', 'DataTransform:Orders_Cleanup'],
  },
  {
    title: 'Delete the kit (--no-prompt, as CI would)',
    args: ['datakit', 'delete', '-o', ORG, '--name', KIT, '--no-prompt'],
  },
  { title: 'The org is back to where it started', args: ['datakit', 'list', '-o', ORG] },
  {
    title: 'A metadata deploy of a project holding a kit: the plugin unwraps it right after sf project deploy start',
    args: ['project', 'deploy', 'start', '--source-dir', 'force-app', '-o', ORG],
    cwd: PROJECT,
  },
  { title: 'The kit that arrived by metadata is live', args: ['datakit', 'status', '-o', ORG, '--name', 'Orders_Kit'] },
  {
    title: 'Unwrapping again by hand is safe: nothing is redeployed',
    args: ['datakit', 'unwrap', '-o', ORG, '--name', 'Orders_Kit'],
  },
  {
    title: 'Is Retail_Core in the second org (uat)? compare says no and exits 1, a CI gate',
    args: ['datakit', 'compare', '-n', 'Retail_Core', '--source-org', ORG, '-o', UAT],
    expectCode: 1,
  },
  {
    title: 'What would promoting it do? (--dry-run changes nothing)',
    args: ['datakit', 'promote', '-n', 'Retail_Core', '--source-org', ORG, '-o', UAT, '--dry-run'],
    cwd: GIT_PROJECT,
  },
  {
    title: 'Promote it: metadata across, unwrap and watch in uat, KQ_ fields back, checklist',
    args: ['datakit', 'promote', '-n', 'Retail_Core', '--source-org', ORG, '-o', UAT],
    cwd: GIT_PROJECT,
  },
  {
    title: 'Every component is ACTIVE in uat, but does the kit work there? verify says what is open (exit 1)',
    args: ['datakit', 'verify', '-n', 'Retail_Core', '-o', UAT],
    expectCode: 1,
  },
  {
    title:
      'An admin enters the S3 credentials in uat; --activate refreshes, runs and publishes in dependency order. A CRM stream refreshes through the API only as FULL_REFRESH: the other one is a step for Setup (exit 1, not 68)',
    args: ['datakit', 'verify', '-n', 'Retail_Core', '-o', UAT, '--activate', '--no-prompt'],
    expectCode: 1,
    before: (): void => {
      setCredentials(uat.state, 'S3_Orders_Bundle');
    },
  },
  {
    title: 'The admin refreshes that CRM stream in Setup: now the kit works in uat (exit 0)',
    args: ['datakit', 'verify', '-n', 'Retail_Core', '-o', UAT],
    before: (): void => {
      refreshInSetup(uat.state, 'Account_Home');
    },
  },
  {
    title: 'Now the two orgs agree (exit 0)',
    args: ['datakit', 'compare', '-n', 'Retail_Core', '--source-org', ORG, '-o', UAT],
  },
  {
    title: 'Someone changes the lifetime value SQL in the first org: compare shows what changed inside it (exit 1)',
    args: ['datakit', 'compare', '-n', 'Retail_Core', '--source-org', ORG, '-o', UAT, '--diff'],
    expectCode: 1,
    before: () =>
      editTemplate(emulator.state, {
        type: 'DataCalcInsightTemplate',
        fullName: 'Customer_Lifetime_Value',
        field: 'expression',
        value:
          "SELECT SUM(Sales_Order__dlm.amount__c) AS total_spend__c, Sales_Order__dlm.customer_id__c AS customer_id__c FROM Sales_Order__dlm WHERE Sales_Order__dlm.status__c = 'PAID' GROUP BY customer_id__c",
      }),
  },
  {
    title: 'Promote just that insight; the release record from the first promotion shows uat was not edited meanwhile',
    args: [
      'datakit',
      'promote',
      '-n',
      'Retail_Core',
      '--source-org',
      ORG,
      '-o',
      UAT,
      '--component',
      'CalculatedInsight:Customer_Lifetime_Value__cio',
    ],
    cwd: GIT_PROJECT,
  },
  {
    title: "Retail_Core's history in uat: the org's deployment log (who, job, outcome) merged with the release records",
    args: ['datakit', 'history', '-n', 'Retail_Core', '-o', UAT],
    cwd: GIT_PROJECT,
  },
  {
    title: 'The new SQL misbehaves in uat: roll that release back from the snapshot it took (--dry-run first)',
    args: ['datakit', 'rollback', '-n', 'Retail_Core', '-o', UAT, '--dry-run'],
    cwd: GIT_PROJECT,
  },
  {
    title: 'Roll it back: the insight is deployed again with its earlier SQL, and the rollback has its own record',
    args: ['datakit', 'rollback', '-n', 'Retail_Core', '-o', UAT, '--reason', 'PAID-only totals halved the segment'],
    cwd: GIT_PROJECT,
  },
  {
    title: 'Into Git: retrieve the kit into a project',
    args: ['datakit', 'retrieve', '-n', 'Retail_Core', '-o', ORG],
    cwd: GIT_PROJECT,
  },
  {
    title: 'Check it before any deploy: the KQ_ fields would break it (exit 1)',
    args: ['datakit', 'validate'],
    cwd: GIT_PROJECT,
    expectCode: 1,
  },
  {
    title: 'Clean it: remove what breaks a deploy, keep the KQ_ fields for after the unwrap',
    args: ['datakit', 'clean'],
    cwd: GIT_PROJECT,
  },
  { title: 'Check it again, against uat this time', args: ['datakit', 'validate', '-o', UAT], cwd: GIT_PROJECT },
];

// SF_DATAKIT_DEMO_PROFILE=field-reports runs the demo on orgs that answer as operators report real ones do
const profile = process.env.SF_DATAKIT_DEMO_PROFILE;
const emulator = await startEmulator({ seed: defaultOrg, options: { msPerStep: 300 }, profile });
// a second org, empty, where kits are promoted to
const uat = await startEmulator({
  options: { msPerStep: 100 },
  profile,
  identity: { orgId: '00DUAT000000001AAA', username: 'admin@uat.datakit.emulator' },
});
/** Makes the emulator fail the transform on its next deploy, as an org would on bad source data. */
function failTransform(): void {
  emulator.state.failures.push({
    dataKitName: KIT,
    componentName: 'Orders_Cleanup',
    phase: 'deploy',
    message: 'Source Orders_S3__dll has no field Order_Total__c',
  });
}
let failed = false;
try {
  console.log(`Data Cloud org emulator running at ${emulator.url} (org ${emulator.state.identity.orgId})\n`);
  console.log(
    `$ SF_ACCESS_TOKEN=<hidden> sf org login access-token --instance-url ${emulator.url} --no-prompt --alias ${ORG}`
  );
  const login = await home.login(emulator.url, emulator.state.identity.orgId, ORG);
  process.stdout.write(login.stdout);
  if (login.code !== 0) throw new Error(`login failed:\n${login.stderr}`);
  console.log(
    `$ SF_ACCESS_TOKEN=<hidden> sf org login access-token --instance-url ${uat.url} --no-prompt --alias ${UAT}`
  );
  const uatLogin = await home.login(uat.url, uat.state.identity.orgId, UAT);
  process.stdout.write(uatLogin.stdout);
  if (uatLogin.code !== 0) throw new Error(`login to the second org failed:\n${uatLogin.stderr}`);

  for (const step of steps) {
    console.log(`\n# ${step.title}\n$ sf ${step.args.join(' ')}`);
    step.before?.();
    const r = await home.run(step.args, { echo: true, cwd: step.cwd, env: { SF_DATAKIT_POLL_MS: '250' } });
    const expected = step.expectCode ?? 0;
    if (r.code !== expected) {
      failed = true;
      console.error(`\nDemo step failed: expected exit code ${expected}, got ${r.code}.`);
      break;
    }
    console.log(`(exit code ${r.code})`);
  }
  console.log(
    failed
      ? '\nDemo FAILED.'
      : `\nDemo complete: ${emulator.state.requests.length + uat.state.requests.length} HTTP requests reached the two emulated orgs.`
  );
} finally {
  home.remove();
  await Promise.all([emulator.close(), uat.close()]);
}
process.exitCode = failed ? 1 : 0;
