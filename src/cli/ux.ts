/*
 * A command's output methods as a JobUx, for the modules that report on jobs.
 */
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { JobUx } from '../shared/ux.js';

export function commandUx(cmd: SfCommand<unknown>): JobUx {
  return {
    log: (t) => cmd.log(t),
    info: (t) => cmd.info(t),
    warn: (t) => cmd.warn(t),
    success: (t) => cmd.logSuccess(t),
    table: (data, columns, title) => cmd.table({ data, columns, ...(title ? { title } : {}) }),
  };
}
