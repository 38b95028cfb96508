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
    // the typescript-eslint v6 parser warns about TypeScript 5.9 but reads it
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
      },
    },
  ],
};
