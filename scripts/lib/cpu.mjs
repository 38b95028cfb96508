// Preloaded into an sf process (NODE_OPTIONS=--import): writes the CPU time it used and its wall time when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.DATAKIT_CPU_FILE;
const started = Date.now();
if (file) {
  process.on('exit', () => {
    const { userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(file, `${Math.round((userCPUTime + systemCPUTime) / 1000)} ${Date.now() - started}\n`);
  });
}
