/*
 * Where a run stands, from the word a resource uses for it. Each resource has its own words (spec v67): streams
 * "In Progress"/"Success"/"Failure", transforms "InProgress"/"SkippedNoChanges", identity resolution
 * "IN_PROGRESS"/"FAIL", activations "Publishing"/"Partner_Error"; calculated insights and segments declare free
 * strings. Words are compared without case, spaces or underscores; a word none of the lists has is "unknown",
 * never taken for success.
 */
export type RunPhase = 'never' | 'running' | 'succeeded' | 'failed' | 'unknown';

const WORDS: Record<Exclude<RunPhase, 'unknown'>, string[]> = {
  never: ['', 'none', 'new', 'created', 'notstarted', 'neverrun'],
  running: [
    'inprogress',
    'running',
    'publishing',
    'pending',
    'queued',
    'extracting',
    'processing',
    'started',
    'scheduled',
    'restarting',
    'partnerprocessing',
    'rebuilding',
    'rebuildpending',
    'counting',
  ],
  succeeded: [
    'success',
    'successful',
    'succeeded',
    'completed',
    'complete',
    'published',
    'skippednochanges',
    'rebuildsuccess',
  ],
  failed: [
    'failure',
    'fail',
    'failed',
    'error',
    'partialfailure',
    'partnererror',
    'segmenterror',
    'canceled',
    'cancelled',
    'partiallycanceled',
    'rebuildfailure',
    'aborted',
  ],
};

export function phaseOf(word: string | undefined): RunPhase {
  const key = (word ?? '').toLowerCase().replace(/[\s_-]/g, '');
  for (const [phase, words] of Object.entries(WORDS) as Array<[RunPhase, string[]]>)
    if (words.includes(key)) return phase;
  return 'unknown';
}

/** A connection's or activation target's own status: does it have working credentials? */
export function authenticated(status: string | undefined): boolean | undefined {
  const key = (status ?? '').toLowerCase().replace(/[\s_-]/g, '');
  if (['connected', 'active'].includes(key)) return true;
  if (['needsreauth', 'disconnected', 'failed', 'error', 'inactive', 'schemarequired', 'deleting'].includes(key))
    return false;
  return undefined;
}
