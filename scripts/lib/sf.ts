/*
 * Runs `sf` commands the way a user would: bin/dev.js loads this plugin plus the real plugin-auth and
 * plugin-deploy-retrieve (devPlugins). Each SfHome is a throw-away HOME, so nothing touches the user's auth files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEV_BIN = join(ROOT, 'bin', 'dev.js');

export type SfResult = { code: number; stdout: string; stderr: string; ms: number };
export type RunOptions = { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean; timeoutMs?: number; bin?: string; /** the node that runs it (default: this one) */ node?: string };

/** The quiet, offline environment for the CLI (offline-e2e-with-real-sf.md). */
export function quietEnv(home: string): NodeJS.ProcessEnv {
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    SF_DISABLE_TELEMETRY: 'true',
    SFDX_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SFDX_AUTOUPDATE_DISABLE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_HIDE_RELEASE_NOTES_FOOTER: 'true',
    SF_USE_PROGRESS_BAR: 'false',
    SF_CONTAINER_MODE: 'true',
    SF_DISABLE_LOG_FILE: 'true',
    OCLIF_DISABLE_LINKED_ESM_WARNING: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

/** What reaching the npm registry needs on this machine (a proxy, its CA): `sf plugins install` runs npm. */
function networkEnv(): NodeJS.ProcessEnv {
  const names = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'npm_config_registry'];
  return Object.fromEntries(names.filter((n) => process.env[n] !== undefined).map((n) => [n, process.env[n]]));
}

export class SfHome {
  public readonly dir: string;

  public constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'datakit-home-'));
    mkdirSync(this.dir, { recursive: true });
  }

  /** Runs `sf <args>`; never throws on a non-zero exit. */
  public run(args: string[], opts: RunOptions = {}): Promise<SfResult> {
    return this.start(args, opts).done;
  }

  /** Starts `sf <args>` and hands back the process, for tests that signal it. */
  public start(args: string[], opts: RunOptions = {}): { child: ChildProcess; output: () => string; done: Promise<SfResult> } {
    const started = Date.now();
    const child = spawn(opts.node ?? process.execPath, [opts.bin ?? DEV_BIN, ...args], {
      // a throwaway folder unless told: commands that write into the project (release records) never touch the repo
      cwd: opts.cwd ?? this.dir,
      env: { ...networkEnv(), PATH: process.env.PATH, CI: process.env.CI, ...quietEnv(this.dir), ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.echo) process.stdout.write(d);
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (opts.echo) process.stderr.write(d);
    });
    const done = new Promise<SfResult>((resolvePromise) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolvePromise({ code: code ?? 1, stdout, stderr, ms: Date.now() - started });
      });
    });
    return { child, output: () => stdout + stderr, done };
  }

  /** the session token of the last login, for tests that prove it is never printed */
  public lastToken?: string;

  /** `sf org login access-token` against an emulator; the token goes through the environment, never argv or output. */
  public async login(instanceUrl: string, orgId: string, alias: string): Promise<SfResult> {
    const token = `${orgId.slice(0, 15)}!${randomBytes(24).toString('hex')}`;
    this.lastToken = token;
    return this.run(['org', 'login', 'access-token', '--instance-url', instanceUrl, '--no-prompt', '--alias', alias], {
      env: { SF_ACCESS_TOKEN: token },
    });
  }

  public remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Parses `--json` output; throws with the raw text when it is not JSON. */
export function json<T = Record<string, unknown>>(r: SfResult): { status: number; result: T; name?: string; message?: string; warnings?: string[] } {
  try {
    return JSON.parse(r.stdout) as { status: number; result: T };
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}
