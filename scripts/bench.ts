/*
 * npm run bench: the real Salesforce CLI, side by side in one run, with and without this plugin installed the way
 * users install it (npm pack, then `sf plugins install file:...tgz` into a clean HOME), and against
 * `sf api request rest` doing the same work. A and B alternate; each figure is the median of PAIRS runs.
 *   1. start-up tax: `sf --version` and `sf org display --json`, without vs with the plugin (goal <= 1.03x, +5 MiB)
 *      (commands under a second run three times as many rounds: their noise is larger than the goal)
 *   2. `sf datakit --help` vs `sf --version` (goal <= 1.10x), with `sf project --help` for scale
 *   3. `sf datakit list --json` vs `sf api request rest` on the same endpoint (goal <= 1.0x)
 *   4. deploy + watch of 10, 100 and 500 components vs the hand-written REST loop (wall <= 1.0x, requests <= 2N+20)
 * Prints a table, writes bench-results/bench.json and bench.md; --update-readme puts the table into README.md.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  defaultOrg,
  generateCatalog,
  startEmulator,
  type RunningEmulator,
  type SeedFile,
} from '@sfdatakit/org-emulator';
import { ensureSfCli, installPlugin, packPlugin, SF_CLI_VERSION } from './lib/realCli.js';
import { ROOT, SfHome, type SfResult } from './lib/sf.js';

const SIZES = [10, 100, 500];
const MS_PER_STEP = 20; // the org deploys one component every 20 ms
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
/** BENCH_ONLY=list,deploy runs only the scenarios whose name has one of these words (for quick iterations) */
const ONLY = process.env.BENCH_ONLY?.split(',');
const selected = (scenario: string): boolean => !ONLY || ONLY.some((w) => scenario.includes(w));
const V = '66.0';

type Sample = { ms: number; requests: number; peakMiB: number };
type Row = {
  scenario: string;
  tool: string;
  wallMs: number;
  requests: number;
  peakMiB: number;
  runs: number;
  samples: Sample[];
};
type Goal = { what: string; goal: string; measured: string; met: boolean };

const bulk = generateCatalog('DataLakeObject', Math.max(...SIZES));
const seed: SeedFile = {
  ...defaultOrg,
  catalog: [...(defaultOrg.catalog ?? []), ...bulk],
  kits: [
    ...(defaultOrg.kits ?? []),
    ...SIZES.map((n) => ({
      devName: `Bench_${n}`,
      label: `Bench ${n}`,
      dataKitType: 'None' as const,
      dataSpaceName: 'default',
      components: bulk.slice(0, n).map((c) => ({ type: c.type, info: { name: c.name, label: c.label } })),
    })),
  ],
};

const resultsDir = join(ROOT, 'bench-results');
const rssFile = join(resultsDir, 'rss.txt');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One sf run: wall time, the org requests it made, its peak memory. */
async function measure(home: SfHome, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample & { r: SfResult }> {
  writeFileSync(rssFile, '');
  const before = emulator.state.requests.length;
  const r = await home.run(args, {
    bin,
    timeoutMs: 600_000,
    env: {
      NODE_OPTIONS: `--import=${join(ROOT, 'scripts', 'lib', 'rss.mjs')}`,
      DATAKIT_BENCH_RSS_FILE: rssFile,
      ...env,
    },
  });
  if (r.code !== 0) throw new Error(`sf ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  const peak = Math.max(0, ...readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number));
  return { r, ms: r.ms, requests: emulator.state.requests.length - before, peakMiB: peak / 2 ** 20 };
}

/** The variants in turns (a, b, a, b, ...), so machine load hits each the same; medians of `runs` rounds. */
async function pairs(scenario: string, variants: Array<[string, () => Promise<Sample>]>, runs = PAIRS): Promise<Row[]> {
  const samples = variants.map(() => [] as Sample[]);
  for (let i = 0; i < runs; i++) for (const [v, [, run]] of variants.entries()) samples[v].push(await run());
  return variants.map(([tool], v) => ({
    scenario,
    tool,
    wallMs: median(samples[v].map((s) => s.ms)),
    requests: median(samples[v].map((s) => s.requests)),
    peakMiB: median(samples[v].map((s) => s.peakMiB)),
    runs,
    samples: samples[v],
  }));
}

/** Commands that take well under a second are noisier: three times the rounds. */
const QUICK_RUNS = PAIRS * 3;

/** The hand-written way: one `sf api request rest` per call, polling the job once a second. */
async function handWrittenDeploy(home: SfHome, kit: string): Promise<Sample> {
  const started = Date.now();
  const before = emulator.state.requests.length;
  let peak = 0;
  const rest = async (path: string, extra: string[] = []): Promise<unknown> => {
    const m = await measure(home, ['api', 'request', 'rest', path, '-o', 'bench', ...extra]);
    peak = Math.max(peak, m.peakMiB);
    return JSON.parse(m.r.stdout) as unknown;
  };
  const components = bulk.slice(0, Number(kit.split('_')[1])).map((c) => ({
    type: c.type,
    config: { dataSourceObjectDevName: c.name, apiName: c.name.replace(/__dll$/, ''), label: c.label },
  }));
  const bodyFile = join(home.dir, 'deploy.json');
  writeFileSync(bodyFile, JSON.stringify({ components }));
  const { jobId } = (await rest(`/services/data/v${V}/ssot/data-kits/${kit}?asyncMode=true`, [
    '--method',
    'POST',
    '--body',
    `@${bodyFile}`,
  ])) as { jobId: string };
  for (;;) {
    const q = encodeURIComponent(`SELECT Id, Status, Error FROM BackgroundOperation WHERE Id = '${jobId}'`);
    const job = (await rest(`/services/data/v${V}/query?q=${q}`)) as { records: Array<{ Status: string }> };
    if (['Complete', 'Error'].includes(job.records[0]?.Status)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const logs = encodeURIComponent(
    `SELECT ComponentName, DeploymentStatus, DeploymentError FROM DataKitDeploymentLog WHERE JobIdentifier = '${jobId}'`
  );
  await rest(`/services/data/v${V}/query?q=${logs}`);
  return { ms: Date.now() - started, requests: emulator.state.requests.length - before, peakMiB: peak };
}

const forgetDeployments = (): void => {
  for (const key of [...emulator.state.deployed.keys()])
    if (key.startsWith('Bench_')) emulator.state.deployed.delete(key);
};

async function pluginDeploy(home: SfHome, kit: string): Promise<Sample> {
  forgetDeployments();
  const m = await measure(home, ['datakit', 'deploy', '-n', kit, '-o', 'bench', '--json']);
  const outcome = (JSON.parse(m.r.stdout) as { result: { job: { outcome: string } } }).result.job.outcome;
  if (outcome !== 'Succeeded') throw new Error(`${kit}: ${outcome}`);
  return m;
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

/** The median of the per-round ratios: each round's two runs saw the same machine load. */
const ratio = (a: Row, b: Row): number => median(a.samples.map((x, i) => x.ms / b.samples[i].ms));
const fmt = (n: number): string => `${n.toFixed(2)}×`;

const startedAt = Date.now();
mkdirSync(resultsDir, { recursive: true });
process.stderr.write('the real CLI and the packed plugin...\n');
const bin = ensureSfCli();
const tgz = packPlugin();
const emulator: RunningEmulator = await startEmulator({ seed, options: { msPerStep: MS_PER_STEP } });
const without = new SfHome();
const withPlugin = new SfHome();
const rows: Row[] = [];
const goals: Goal[] = [];
try {
  const install = await installPlugin(withPlugin, bin, tgz);
  if (install.code !== 0) throw new Error(`sf plugins install: ${install.stdout}\n${install.stderr}`);
  for (const home of [without, withPlugin]) {
    const login = await home.run(
      ['org', 'login', 'access-token', '--instance-url', emulator.url, '--no-prompt', '--alias', 'bench'],
      {
        bin,
        env: { SF_ACCESS_TOKEN: `${emulator.state.identity.orgId.slice(0, 15)}!bench` },
      }
    );
    if (login.code !== 0) throw new Error(login.stderr);
  }

  process.stderr.write('start-up tax...\n');
  for (const [scenario, args] of [
    ['sf --version', ['--version']],
    ['sf org display --json', ['org', 'display', '-o', 'bench', '--json']],
  ].filter(([name]) => selected(name as string)) as Array<[string, string[]]>) {
    const [a, b] = await pairs(
      scenario,
      [
        ['without the plugin', (): Promise<Sample> => measure(without, args)],
        ['with the plugin installed', (): Promise<Sample> => measure(withPlugin, args)],
      ],
      QUICK_RUNS
    );
    rows.push(a, b);
    goals.push({
      what: `${scenario}: with / without the plugin`,
      goal: '≤ 1.03×, ≤ +5 MiB',
      measured: `${fmt(ratio(b, a))}, ${(b.peakMiB - a.peakMiB).toFixed(1)} MiB`,
      met: ratio(b, a) <= 1.03 && b.peakMiB - a.peakMiB <= 5,
    });
  }

  if (selected('help')) {
    process.stderr.write('help...\n');
    const [help, version, projectHelp] = await pairs(
      'help',
      [
        ['sf datakit --help', (): Promise<Sample> => measure(withPlugin, ['datakit', '--help'])],
        ['sf --version', (): Promise<Sample> => measure(withPlugin, ['--version'])],
        [
          'sf project --help (a core topic, for scale)',
          (): Promise<Sample> => measure(withPlugin, ['project', '--help']),
        ],
      ],
      QUICK_RUNS
    );
    rows.push(help, version, projectHelp);
    goals.push({
      what: 'sf datakit --help / sf --version',
      goal: '≤ 1.10×',
      measured: `${fmt(ratio(help, version))} (sf project --help: ${fmt(ratio(projectHelp, version))})`,
      met: ratio(help, version) <= 1.1,
    });
  }

  if (selected('list')) {
    process.stderr.write('list...\n');
    const [list, rest] = await pairs(
      'list kits',
      [
        [
          'sf datakit list --json',
          (): Promise<Sample> => measure(withPlugin, ['datakit', 'list', '-o', 'bench', '--json']),
        ],
        [
          'sf api request rest',
          (): Promise<Sample> =>
            measure(withPlugin, ['api', 'request', 'rest', `/services/data/v${V}/ssot/data-kits`, '-o', 'bench']),
        ],
      ],
      QUICK_RUNS
    );
    rows.push(list, rest);
    goals.push({
      what: 'sf datakit list / sf api request rest',
      goal: '≤ 1.0×',
      measured: fmt(ratio(list, rest)),
      met: ratio(list, rest) <= 1.0,
    });
  }

  for (const n of SIZES.filter((size) => selected(`deploy ${size}`))) {
    process.stderr.write(`deploy ${n}...\n`);
    const [plugin, hand] = await pairs(`deploy + watch, ${n} components`, [
      ['sf datakit deploy', (): Promise<Sample> => pluginDeploy(withPlugin, `Bench_${n}`)],
      [
        'hand-written sf api request rest',
        async (): Promise<Sample> => {
          forgetDeployments();
          return handWrittenDeploy(withPlugin, `Bench_${n}`);
        },
      ],
    ]);
    rows.push(plugin, hand);
    goals.push({
      what: `deploy + watch ${n}: wall, plugin / hand-written`,
      goal: '≤ 1.0×',
      measured: fmt(ratio(plugin, hand)),
      met: ratio(plugin, hand) <= 1.0,
    });
    goals.push({
      what: `deploy + watch ${n}: requests`,
      goal: `≤ 2N + 20 = ${2 * n + 20}`,
      measured: String(plugin.requests),
      met: plugin.requests <= 2 * n + 20,
    });
  }
} finally {
  without.remove();
  withPlugin.remove();
  await emulator.close();
  rmSync(rssFile, { force: true });
}

const cliVersion = SF_CLI_VERSION;
const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, Node ${process.version}, @salesforce/cli ${cliVersion}; medians of ${PAIRS} alternated runs (${QUICK_RUNS} for commands under a second); ratios are medians of the per-round ratios; the emulator deploys a component every ${MS_PER_STEP} ms.`;
const table = [
  '| scenario | tool | wall ms | HTTP requests | peak MiB |',
  '| --- | --- | ---: | ---: | ---: |',
  ...rows.map(
    (r) => `| ${r.scenario} | ${r.tool} | ${Math.round(r.wallMs)} | ${r.requests} | ${r.peakMiB.toFixed(0)} |`
  ),
];
const goalTable = [
  '| goal | target | measured | met |',
  '| --- | --- | --- | --- |',
  ...goals.map((g) => `| ${g.what} | ${g.goal} | ${g.measured} | ${g.met ? 'yes' : '**no**'} |`),
];
const markdown = [header, '', ...table, '', ...goalTable, ''].join('\n');
console.log(`\n${markdown}`);
writeFileSync(join(resultsDir, 'bench.md'), markdown);
writeFileSync(
  join(resultsDir, 'bench.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), node: process.version, cli: cliVersion, pairs: PAIRS, msPerStep: MS_PER_STEP, rows: rows.map(({ samples, ...r }) => ({ ...r, wallMsEach: samples.map((x) => x.ms) })), goals, seconds: Math.round((Date.now() - startedAt) / 1000) }, null, 2)}\n`
);
if (process.argv.includes('--update-readme')) {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = readme.replace(
    /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
    `<!-- bench:start -->\n${markdown}<!-- bench:end -->`
  );
  writeFileSync(readmePath, updated);
}
console.log(
  `Wrote bench-results/bench.json and bench.md (${Math.round((Date.now() - startedAt) / 1000)} s in all). Git revision ${execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim()}.`
);
