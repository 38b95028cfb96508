/*
 * Developer names, as kits and components are named: a letter, then letters, digits and underscores (a namespace
 * prefix is "ns__"), at most 80 characters. Anything else would not survive as one URL path segment.
 */
const DEVELOPER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

export const isDeveloperName = (name: string): boolean => DEVELOPER_NAME.test(name);
