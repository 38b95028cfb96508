/*
 * A component's content as comparable JSON: JSON held inside XML elements (entityPayload, definition,
 * deploymentOrder) decoded, keys sorted, and what differs between orgs without anyone changing anything dropped
 * or masked (record ids).
 */
import { createHash } from 'node:crypto';
import { maskRecordIds } from './recordIds.js';
import { decodedJson } from './xml.js';

/**
 * Values that say where or when, not what: deployment flags and versions the org sets, ids, timestamps, and the
 * org-specific names a deploy config rewrites (a connection, a CRM org id). Comparing them would flag every org.
 */
export const VOLATILE_KEYS: ReadonlySet<string> = new Set([
  'isDeployed',
  'isEnabled',
  'versionNumber',
  'templateVersion',
  'bundleVersion',
  'id',
  'createdDate',
  'lastModifiedDate',
  'createdById',
  'lastModifiedById',
  'orgId',
  'organizationId',
  'connectionName',
  'connectorName',
  'instanceId',
  'pardotTenantId',
]);

/**
 * Elements only the org that authored a transform or stream template returns (field reports G1): a deployed copy
 * never has them, so a promotion would always look changed. Their value repeats externalName.
 */
export const AUTHORING_ONLY_KEYS: ReadonlySet<string> = new Set(['externalDataTranField', 'externalDataTranObject']);

/** Key-qualifier fields are taken out before a deploy and set again after it (docs/api-notes.md Q12). */
export const isKeyQualifierField = (name: string): boolean => /(^|\.)KQ_/.test(name);

export function normalize(value: unknown): unknown {
  if (typeof value === 'string') {
    // JSON nested deeper than a template ever is would overflow the stack below: decodedJson refuses it
    const inner = decodedJson(value);
    // a record id is the org's own (a connection, the exporting user: G2), never what a component does
    return inner === value ? maskRecordIds(value) : normalize(inner);
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) {
      if (VOLATILE_KEYS.has(key) || AUTHORING_ONLY_KEYS.has(key)) continue;
      // a CustomObject's key-qualifier fields, whichever way the file lists them
      if (key === 'fields') {
        const fields = (Array.isArray(record.fields) ? record.fields : [record.fields]).filter(
          (f) => !isKeyQualifierField(String((f as { fullName?: unknown })?.fullName ?? ''))
        );
        if (fields.length) out.fields = normalize(fields);
        continue;
      }
      out[key] = normalize(record[key]);
    }
    return out;
  }
  return value;
}

/** JSON with sorted keys: equal content, equal text. */
export const canonical = (value: unknown): string => JSON.stringify(value);

export const hashOf = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('hex');
