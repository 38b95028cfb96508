/*
 * The plugin's environment variables, read and checked in one place: a value that cannot be read is an error
 * naming the variable, never a silent NaN (SF_DATAKIT_POLL_MS=abc once meant thousands of requests a second).
 */
import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

/** A whole number within [min, max] from the environment, the fallback when unset; exit 2 when it cannot be read. */
export function numberFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SfError(
      messages.getMessage('error.InvalidEnv', [name, raw, min, max]),
      'InvalidEnvironmentVariable',
      messages.getMessages('error.InvalidEnv.actions', [name]),
      2
    );
  }
  return value;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** true, false, undefined when unset, or 'invalid' for anything else (the caller decides how careful to be). */
export function switchFromEnv(name: string): boolean | undefined | 'invalid' {
  const raw = process.env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  return 'invalid';
}

/** First poll interval in ms (tests and benchmarks use a short one). */
export const pollIntervalMs = (): number => numberFromEnv('SF_DATAKIT_POLL_MS', 1000, 10, 60_000);

/** First retry delay in ms. */
export const retryBaseMs = (): number => numberFromEnv('SF_DATAKIT_RETRY_BASE_MS', 500, 1, 60_000);

/** Minutes the post-deploy hook waits for each unwrap. */
export const hookWaitMinutes = (): number => numberFromEnv('SF_DATAKIT_UNWRAP_WAIT', 10, 0, 1440);
