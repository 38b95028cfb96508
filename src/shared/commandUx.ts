/*
 * A command's output methods, handed to the modules that watch jobs (they print, but do not know the command).
 */
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { JobUx } from '../deploy/runJob.js';

export function commandUx(cmd: SfCommand<unknown>): JobUx & { info(text: string): void } {
  return {
    log: (t) => cmd.log(t),
    info: (t) => cmd.info(t),
    warn: (t) => cmd.warn(t),
    success: (t) => cmd.logSuccess(t),
    table: (data, columns) => cmd.table({ data, columns }),
  };
}
