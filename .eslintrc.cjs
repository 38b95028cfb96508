/*
 * Salesforce's shared TypeScript config and the sf-plugin rules (missing and hard-coded messages, flag
 * conventions), as Salesforce's own plugins use them. The rules turned off or relaxed below are few, each with
 * the reason.
 */
module.exports = {
  root: true,
  extends: ['eslint-config-salesforce-typescript', 'plugin:sf-plugin/recommended'],
  parserOptions: {
    project: ['./tsconfig.json', './test/tsconfig.json', './emulator/tsconfig.json'],
    tsconfigRootDir: __dirname,
  },
  ignorePatterns: ['lib/', 'node_modules/', '.cache/', 'bench-results/', '*.js', '*.cjs', '*.mjs'],
  rules: {
    // Polling a job, paging available components, retrying a request, unwrapping one kit after another: these
    // awaits are sequential on purpose, and each loop says why in a comment.
    'no-await-in-loop': 'off',
    // Commands extend DatakitCommand, which adds no flags of its own (SfCommand's baseFlags still apply): it is
    // there for the catch that turns an unexpected exception into exit 1 with a message, and the prompt guard.
    'sf-plugin/only-extend-SfCommand': 'off',
    'sf-plugin/spread-base-flags': 'off',
  },
  overrides: [
    {
      // tests and the emulator are not the published plugin: they may use what they need
      files: ['test/**', 'emulator/**', 'scripts/**'],
      rules: {
        'import/no-extraneous-dependencies': 'off',
        // tests build hostile answers and fixtures on purpose
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-non-null-assertion': 'off',
        '@typescript-eslint/no-unused-expressions': 'off',
        // mocha's `this` in test functions
        'prefer-arrow-callback': 'off',
        'func-names': 'off',
        // chai's expect(...).to.be.true style and sinon stubs
        '@typescript-eslint/unbound-method': 'off',
        // the org's own field names (Flow__InterviewGuid, DeploymentStatus) are not ours to recase
        camelcase: 'off',
      },
    },
    {
      // test helpers are short closures next to their use; their types are plain from the calls
      files: ['test/**', 'emulator/test/**'],
      rules: { '@typescript-eslint/explicit-function-return-type': 'off' },
    },
    {
      // the emulator's routes and lifecycle change the state objects they are handed: that is what an org does
      files: ['emulator/src/**'],
      rules: { 'no-param-reassign': 'off' },
    },
    {
      // scripts (demo, benchmark) talk to the person running them
      files: ['scripts/**'],
      rules: { 'no-console': 'off' },
    },
  ],
};
