#!/usr/bin/env node
// Like bin/dev.js (dev plugins loaded) but runs the compiled lib/ as an installed plugin would: the benchmark
// uses it so start-up is measured without on-the-fly TypeScript. Run `npm run build` first.
import { execute, settings } from '@oclif/core';

settings.enableAutoTranspile = false;
await execute({ development: true, dir: import.meta.url });
