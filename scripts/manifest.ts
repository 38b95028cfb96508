/*
 * Writes oclif.manifest.json, as `oclif manifest` does when a plugin is packed. With a manifest, oclif does not
 * load every command (and compute every --target-org default) at start-up: faster, and the CLI's config is not
 * read before plugin config variables (datakit-auto-unwrap) are registered. It lists lib/ (run after tsc):
 * bin/dev.js maps those paths to src/ by itself.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Plugin } from '@oclif/core';
import { ROOT } from './lib/sf.js';

const plugin = new Plugin({
  root: ROOT,
  type: 'core',
  ignoreManifest: true,
  errorOnManifestCreate: true,
  respectNoCacheDefault: true,
  isRoot: true,
});
await plugin.load();
writeFileSync(join(ROOT, 'oclif.manifest.json'), JSON.stringify(plugin.manifest, null, 2));
console.log(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`);
