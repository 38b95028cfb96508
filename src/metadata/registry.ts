/*
 * Which metadata types the CLI's registry (source-deploy-retrieve) knows. Kit manifests list types that some
 * registries do not (MktDatalakeSrcKeyQualifier in older ones): `manifest` and `retrieve` leave the same types out.
 */
import { RegistryAccess } from '@salesforce/source-deploy-retrieve';
import type { ManifestType } from '../kits/packageXml.js';
import { splitRetrievable, type LeftOut } from './retrievable.js';

let registry: RegistryAccess | undefined;

export function registryKnows(type: string): boolean {
  registry ??= new RegistryAccess();
  try {
    registry.getTypeByName(type);
    return true;
  } catch {
    return false;
  }
}

/** What a package.xml or a retrieve can carry, and what it must leave out with the reason. */
export const splitCarriable = (types: ManifestType[]): { retrievable: ManifestType[]; leftOut: LeftOut[] } =>
  splitRetrievable(types, registryKnows);

export const sharedRegistry = (): RegistryAccess => (registry ??= new RegistryAccess());
