/*
 * The CLI runs this for every command, before it loads one. For anything but a datakit command it returns at once
 * and imports nothing. For a datakit command it turns on Node's compile cache (the plugin brings its own copy of
 * the sf libraries, and compiling them is most of a command's start-up), and on a Node older than the plugin's
 * libraries need it says so instead of failing deep inside them.
 */
import type { Hook } from '@oclif/core';

const NEEDED = 22;

const hook: Hook<'init'> = async function ({ id, argv }) {
  if (!id?.startsWith('datakit')) return;
  if (Number(process.versions.node.split('.')[0]) >= NEEDED) {
    // the compiled plugin only: under bin/dev.js the sources change under a cache keyed by their text
    if (import.meta.url.includes('/lib/hooks/')) (await import('node:module')).enableCompileCache?.();
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) return;
  const { startupMessage } = await import('../shared/startupMessages.js');
  this.error(
    startupMessage('hooks', 'error.nodeTooOld').replace('%s', String(NEEDED)).replace('%s', process.versions.node),
    { exit: 1 }
  );
};

export default hook;
