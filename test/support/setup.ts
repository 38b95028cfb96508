// watch jobs with short poll intervals; the emulator's steps are short in tests too
process.env.SF_DATAKIT_POLL_MS = '10';
process.env.SF_DATAKIT_RETRY_BASE_MS = '5';
// read a written component set back at once: concurrent-write tests set their own
process.env.SF_DATAKIT_SETTLE_MS = '0';
// wait less for a freshly created kit to be listed (the list-lag profile lags 1.5 s)
process.env.SF_DATAKIT_LIST_LAG_WAIT_MS = '1600';

// Each SfCommand run adds signal listeners for the life of its process (one command per process in real
// use). Tests run hundreds in one process: remove what a test added, so a real leak would still show.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const;
let before = new Map<string, unknown[]>();

export const mochaHooks = {
  beforeEach(): void {
    before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  },
  afterEach(): void {
    for (const s of SIGNALS) {
      const kept = before.get(s) ?? [];
      for (const l of process.listeners(s)) if (!kept.includes(l)) process.removeListener(s, l);
    }
  },
};
