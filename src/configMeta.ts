/*
 * Config variables this plugin adds to `sf config set`.
 */
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'config');

export const AUTO_UNWRAP = 'datakit-auto-unwrap';

export default [
  {
    key: AUTO_UNWRAP,
    description: messages.getMessage(AUTO_UNWRAP),
    input: {
      validator: (value: unknown): boolean => typeof value === 'string' && ['true', 'false'].includes(value),
      failedMessage: messages.getMessage('error.invalidBoolean'),
    },
  },
];
