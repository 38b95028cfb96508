/*
 * Config variables this plugin adds to `sf config set`. The CLI loads this module for every command, so it
 * imports nothing but node:fs (through startupMessages): no @salesforce/core.
 */
import { startupMessage } from './shared/startupMessages.js';

export const AUTO_UNWRAP = 'datakit-auto-unwrap';

export default [
  {
    key: AUTO_UNWRAP,
    description: startupMessage('config', AUTO_UNWRAP),
    input: {
      validator: (value: unknown): boolean => typeof value === 'string' && ['true', 'false'].includes(value),
      failedMessage: startupMessage('config', 'error.invalidBoolean'),
    },
  },
];
