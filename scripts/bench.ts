/*
 * npm run bench: wall time, HTTP requests and peak memory against the emulator, `sf datakit` side by side with
 * `sf api request rest` doing the same work. Prints a table and writes bench-results/bench.json.
 *   1. start-up: `sf datakit --help`, `sf datakit list` vs `sf api request rest .../ssot/data-kits` (medians of 7,
 *      the compared commands run in turns)
 *   2. deploy and watch kits of 10, 100 and 500 components: `sf datakit deploy` vs the hand-written equivalent
 *      (POST the deploy, poll BackgroundOperation once a second, read the deployment log), one sf process each
 * Both sides run through bin/compiled.js (the compiled plugin, with plugin-api loaded), in one HOME.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '@sfdatakit/org-emulator';
import { defaultOrg, generateCatalog } from '@sfdatakit/org-emulator';
import type { SeedFile } from '@sfdatakit/org-emulator';
import { COMPILED_BIN, ROOT, SfHome, type SfResult } from './lib/sf.js';

const SIZES = [10, 100, 500];
const MS_PER_STEP = 20; // one component every 20 ms in the org
const RUNS = 7;
const V = '66.0';

type Row = { scenario: string; tool: string; wallMs: number; requests: number; peakMiB: number; runs: number };

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

const rssFile = join(ROOT, 'bench-results', 'rss.txt');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(emulator: RunningEmulator, home: SfHome, args: string[]): Promise<{ r: SfResult; requests: number; peak: number }> {
  writeFileSync(rssFile, '');
  const before = emulator.state.requests.length;
  const r = await home.run(args, {
    bin: COMPILED_BIN,
    timeoutMs: 600_000,
    env: { NODE_OPTIONS: `--import=${join(ROOT, 'scripts', 'lib', 'rss.mjs')}`, DATAKIT_BENCH_RSS_FILE: rssFile },
  });
  if (r.code !== 0) throw new Error(`sf ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  const peak = Math.max(0, ...readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number));
  return { r, requests: emulator.state.requests.length - before, peak };
}

/** Runs the variants in turns (a, b, a, b, ...) so machine load hits each the same; medians of RUNS. */
async function interleaved(emulator: RunningEmulator, home: SfHome, scenario: string, variants: Array<[string, string[]]>): Promise<Row[]> {
  const samples = variants.map(() => [] as Array<{ r: SfResult; requests: number; peak: number }>);
  for (let i = 0; i < RUNS; i++) for (const [v, [, args]] of variants.entries()) samples[v].push(await measure(emulator, home, args));
  return variants.map(([tool], v) => ({
    scenario,
    tool,
    wallMs: median(samples[v].map((s) => s.r.ms)),
    requests: median(samples[v].map((s) => s.requests)),
    peakMiB: Math.max(...samples[v].map((s) => s.peak)) / 2 ** 20,
    runs: RUNS,
  }));
}

/** The hand-written way: one `sf api request rest` per call, polling the job once a second. */
async function rawDeploy(emulator: RunningEmulator, home: SfHome, kit: string): Promise<Row> {
  const started = Date.now();
  const before = emulator.state.requests.length;
  let peak = 0;
  const rest = async (path: string, extra: string[] = []): Promise<unknown> => {
    const m = await measure(emulator, home, ['api', 'request', 'rest', path, '-o', 'bench', ...extra]);
    peak = Math.max(peak, m.peak);
    return JSON.parse(m.r.stdout);
  };
  const components = bulk.slice(0, Number(kit.split('_')[1])).map((c) => ({
    type: c.type,
    config: { dataSourceObjectDevName: c.name, apiName: c.name.replace(/__dll$/, ''), label: c.label },
  }));
  const bodyFile = join(home.dir, 'deploy.json');
  writeFileSync(bodyFile, JSON.stringify({ components }));
  const { jobId } = (await rest(`/services/data/v${V}/ssot/data-kits/${kit}?asyncMode=true`, ['--method', 'POST', '--body', `@${bodyFile}`])) as { jobId: string };
  for (;;) {
    const q = encodeURIComponent(`SELECT Id, Status, Error FROM BackgroundOperation WHERE Id = '${jobId}'`);
    const job = (await rest(`/services/data/v${V}/query?q=${q}`)) as { records: Array<{ Status: string }> };
    if (['Complete', 'Error'].includes(job.records[0]?.Status)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const logs = encodeURIComponent(`SELECT ComponentName, DeploymentStatus, DeploymentError FROM DataKitDeploymentLog WHERE JobIdentifier = '${jobId}'`);
  await rest(`/services/data/v${V}/query?q=${logs}`);
  return { scenario: `deploy + watch ${kit}`, tool: 'sf api request rest (hand-written)', wallMs: Date.now() - started, requests: emulator.state.requests.length - before, peakMiB: peak / 2 ** 20, runs: 1 };
}

async function undeployAll(emulator: RunningEmulator): Promise<void> {
  for (const key of [...emulator.state.deployed.keys()]) if (key.startsWith('Bench_')) emulator.state.deployed.delete(key);
}

const started = Date.now();
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
const emulator = await startEmulator({ seed, options: { msPerStep: MS_PER_STEP } });
const home = new SfHome();
const rows: Row[] = [];
try {
  const login = await home.login(emulator.url, emulator.state.identity.orgId, 'bench');
  if (login.code !== 0) throw new Error(login.stderr);
  process.stderr.write('start-up...\n');
  rows.push(...(await interleaved(emulator, home, 'start-up', [['sf --version (the CLI alone)', ['--version']], ['sf datakit --help', ['datakit', '--help']]])));
  rows.push(
    ...(await interleaved(emulator, home, 'list kits', [
      ['sf datakit list --json', ['datakit', 'list', '-o', 'bench', '--json']],
      ['sf api request rest', ['api', 'request', 'rest', `/services/data/v${V}/ssot/data-kits`, '-o', 'bench']],
    ]))
  );
  for (const n of SIZES) {
    process.stderr.write(`deploy ${n}...\n`);
    await undeployAll(emulator);
    const m = await measure(emulator, home, ['datakit', 'deploy', '-n', `Bench_${n}`, '-o', 'bench', '--json']);
    const out = JSON.parse(m.r.stdout) as { result: { job: { outcome: string } } };
    if (out.result.job.outcome !== 'Succeeded') throw new Error(`Bench_${n}: ${out.result.job.outcome}`);
    rows.push({ scenario: `deploy + watch Bench_${n}`, tool: 'sf datakit deploy', wallMs: m.r.ms, requests: m.requests, peakMiB: m.peak / 2 ** 20, runs: 1 });
    await undeployAll(emulator);
    rows.push(await rawDeploy(emulator, home, `Bench_${n}`));
  }
} finally {
  home.remove();
  await emulator.close();
  rmSync(rssFile, { force: true });
}

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lines = [
  `${pad('scenario', 26)}${pad('tool', 36)}${pad('wall ms', 10)}${pad('requests', 10)}peak MiB`,
  ...rows.map((r) => `${pad(r.scenario, 26)}${pad(r.tool, 36)}${pad(Math.round(r.wallMs), 10)}${pad(r.requests, 10)}${r.peakMiB.toFixed(0)}`),
];
console.log(lines.join('\n'));
const result = {
  date: new Date().toISOString(),
  node: process.version,
  emulator: { msPerStep: MS_PER_STEP },
  requestFormula: 'sf datakit deploy: requests = 2 (list, start) + 2 x polls + N (one deployment-status per component)',
  rows,
  totalSeconds: Math.round((Date.now() - started) / 1000),
};
writeFileSync(join(ROOT, 'bench-results', 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nWrote bench-results/bench.json (${result.totalSeconds}s in all).`);
