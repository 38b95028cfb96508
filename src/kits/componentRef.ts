/*
 * Components on the command line are written TYPE:NAME, with any of the type spellings the API uses.
 */
import { Messages } from '@salesforce/core';
import { knownTypeSpellings, normalizeType, type ComponentType } from '../api/componentTypes.js';
import { isDeveloperName } from '../shared/names.js';
import { closest, didYouMean } from '../shared/suggest.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'kits');

export type ComponentRef = { type: ComponentType; name: string };

export const refKey = (c: { type: string; name: string }): string => `${c.type}:${c.name}`;

export function parseComponentRef(input: string): ComponentRef {
  const at = input.indexOf(':');
  const rawType = at > 0 ? input.slice(0, at) : '';
  const name = at > 0 ? input.slice(at + 1).trim() : '';
  if (!rawType || !name || !isDeveloperName(name))
    throw messages.createError('error.InvalidComponentRef', [input], [], 2);
  const type = normalizeType(rawType);
  if (!type) {
    const near = closest(rawType, knownTypeSpellings());
    throw messages.createError('error.ComponentTypeNotRecognized', [rawType, input, didYouMean(near)]);
  }
  return { type, name };
}

export function parseTypeFlag(input: string): ComponentType {
  const type = normalizeType(input);
  if (!type) {
    const near = closest(input, knownTypeSpellings());
    throw messages.createError('error.ComponentTypeNotRecognized', [input, input, didYouMean(near)]);
  }
  return type;
}
