// Preloaded into a benchmarked sf process (NODE_OPTIONS=--import): writes its peak memory when it exits.
import { appendFileSync } from 'node:fs';

const file = process.env.DATAKIT_BENCH_RSS_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS * 1024}\n`));
