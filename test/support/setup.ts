// Each SfCommand run adds process signal listeners; dozens of runs in one mocha process are expected.
process.setMaxListeners(100);

// watch jobs with short poll intervals; the emulator's steps are short in tests too
process.env.SF_DATAKIT_POLL_MS = '10';
process.env.SF_DATAKIT_RETRY_BASE_MS = '5';
