/*
 * Metadata deploy ids whose kits are already taken care of in this process: the scopedPostDeploy hook skips
 * them. Shared through globalThis so it holds even if the plugin is loaded twice.
 */
const HANDLED_KEY = Symbol.for('@sfdatakit/plugin-datakit:unwrapped-deploys');

export const handledDeploys: Set<string> = ((globalThis as Record<symbol, Set<string> | undefined>)[HANDLED_KEY] ??=
  new Set<string>());
