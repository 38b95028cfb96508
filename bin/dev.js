#!/usr/bin/env node
// Development entry: oclif registers tsx for src/ and loads the devPlugins (plugin-auth, plugin-deploy-retrieve).
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
