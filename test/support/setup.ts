// Each SfCommand run adds process signal listeners; dozens of runs in one mocha process are expected.
process.setMaxListeners(100);
