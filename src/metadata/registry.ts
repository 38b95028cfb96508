/*
 * Which metadata types the CLI's registry (source-deploy-retrieve) knows. Kit manifests list types that some
 * registries do not (MktDatalakeSrcKeyQualifier in older ones): `manifest` and `retrieve` leave the same types out.
 */
import { RegistryAccess } from '@salesforce/source-deploy-retrieve';
import type { ManifestType } from '../kits/packageXml.js';
import { splitRetrievable, type LeftOut } from './retrievable.js';

let registry: RegistryAccess | undefined;

/** Looked up in the registry's tables: getTypeByName throws for an unknown type, after scoring every type name for
 * "did you mean" suggestions nobody reads here (most of a manifest's cost). */
export function registryKnows(type: string): boolean {
  const { types, childTypes } = (registry ??= new RegistryAccess()).getRegistry();
  const id = type.toLowerCase().trim();
  const parent = childTypes[id];
  return parent ? types[parent]?.children?.types[id] !== undefined : types[id] !== undefined;
}

/** What a package.xml or a retrieve can carry, and what it must leave out with the reason. */
export const splitCarriable = (types: ManifestType[]): { retrievable: ManifestType[]; leftOut: LeftOut[] } =>
  splitRetrievable(types, registryKnows);

export const sharedRegistry = (): RegistryAccess => (registry ??= new RegistryAccess());
