/*
 * Config variables this plugin adds to `sf config set`. The CLI loads this module for every command, so it
 * imports nothing but node:fs (through startupMessages): no @salesforce/core.
 */
import { startupMessage } from './shared/startupMessages.js';

export const AUTO_UNWRAP = 'datakit-auto-unwrap';
export const VERIFY_AFTER_UNWRAP = 'datakit-verify';

type BooleanVariable = {
  key: string;
  description: string;
  input: { validator: (value: unknown) => boolean; failedMessage: string };
};

const booleanVariable = (key: string): BooleanVariable => ({
  key,
  description: startupMessage('config', key),
  input: {
    validator: (value: unknown): boolean => typeof value === 'string' && ['true', 'false'].includes(value),
    failedMessage: startupMessage('config', 'error.invalidBoolean'),
  },
});

export default [booleanVariable(AUTO_UNWRAP), booleanVariable(VERIFY_AFTER_UNWRAP)];
