/*
 * Ctrl-C and SIGTERM (a CI cancel, `timeout`) stop watching, not the job. While a command watches a job, both
 * signals abort the current wait and the request in flight; a second signal really quits.
 */
let current: AbortController | undefined;

/** The signal of the watch under way, for requests and sleeps to stop on; undefined outside a watch. */
export const interruptSignal = (): AbortSignal | undefined => current?.signal;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const previous = current;
  current = controller;
  const saved = SIGNALS.map((s) => [s, process.listeners(s)] as const);
  for (const s of SIGNALS) process.removeAllListeners(s);
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
    controller.abort(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    return await run(controller.signal);
  } finally {
    current = previous;
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    for (const [s, listeners] of saved) for (const l of listeners) process.on(s, l as (signal: NodeJS.Signals) => void);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Work let go because the watch it ran beside was stopped (callers word it). */
export class StoppedError extends Error {
  public constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

/**
 * Settles as `work` does, or rejects at once with StoppedError when `signal` aborts. The work itself goes on (a
 * request in flight cannot be called back); whatever it ends with is then ignored.
 */
export function unlessStopped<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(new StoppedError());
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
