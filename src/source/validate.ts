/*
 * Checks of a kit's source before a deploy. Source checks need no org; org checks take what the target org
 * answers (its API version, what it has, its data spaces) as functions, so this module makes no calls itself.
 */
import { Messages } from '@salesforce/core';
import type { DataKitClient } from '../api/client.js';
import type { Finding } from '../shared/findings.js';
import { normalizeType } from '../api/componentTypes.js';
import { orgInventory } from '../kits/inventory.js';
import type { Removal } from './clean.js';
import type { KitProject } from './kitSource.js';
import { carrierOf, memberOf, TYPE_MIN_API, type Member } from './sourceMembers.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

/** A problem of a kit's source, or of the target org for it (check: orphan, missingMetadata, unknownType, order,
 * deployBreaker, apiVersion, dependency, dataSpace). */
export type Problem = Finding;

export type TargetFacts = {
  org: string;
  apiVersion: number;
  /** names (any type) the target org has, as available components or in its kits */
  has(name: string): boolean;
  dataSpaceExists(name: string): Promise<boolean>;
};

const key = (m: Member): string => `${m.type}:${m.name}`;

/** What the target org answers, read once: its API version, everything it has by name, its data spaces. */
export async function targetFactsOf(client: DataKitClient, org: string): Promise<TargetFacts> {
  const names = new Set([...(await orgInventory(client))].map((k) => k.slice(k.indexOf(':') + 1)));
  return {
    org,
    apiVersion: Number(client.apiVersion),
    has: (name) => names.has(name),
    dataSpaceExists: (name) => client.dataSpaceExists(name),
  };
}

export function sourceProblems(project: KitProject, removals: Removal[], only?: string): Problem[] {
  const kits = project.kits.filter((k) => !only || k.name === only);
  const present = new Set(
    project.files
      .map(memberOf)
      .filter((m): m is Member => m !== undefined)
      .map(key)
  );
  const problems: Problem[] = [];
  for (const o of project.orphans.filter((r) => !only || r.parent === only)) {
    problems.push({
      severity: 'error',
      check: 'orphan',
      kit: o.parent,
      component: `${o.type}:${o.name}`,
      file: o.file,
      message: messages.getMessage('problem.orphan', [o.file, `${o.type}:${o.name}`, o.parent, o.parent]),
    });
  }
  for (const kit of kits) {
    const names = new Set(kit.components.map((c) => c.name));
    for (const c of kit.components) {
      if (!normalizeType(c.type)) {
        problems.push({
          severity: 'error',
          check: 'unknownType',
          kit: kit.name,
          component: `${c.type}:${c.name}`,
          file: c.file,
          message: messages.getMessage('problem.unknownType', [c.file, c.type]),
        });
        continue;
      }
      const carrier = carrierOf(c.type, c.name);
      if (!present.has(key(carrier))) {
        problems.push({
          severity: 'error',
          check: 'missingMetadata',
          kit: kit.name,
          component: `${c.type}:${c.name}`,
          file: c.file,
          message: messages.getMessage('problem.missingMetadata', [
            kit.name,
            `${c.type}:${c.name}`,
            carrier.type,
            carrier.name,
            kit.name,
          ]),
        });
      }
    }
    for (const n of kit.sequence.filter((s) => !names.has(s))) {
      problems.push({
        severity: 'warning',
        check: 'order',
        kit: kit.name,
        file: kit.definitionFile,
        message: messages.getMessage('problem.order', [kit.name, n]),
      });
    }
  }
  for (const r of removals) {
    problems.push({
      severity: 'error',
      check: 'deployBreaker',
      file: r.file,
      component: `${r.type}:${r.member}`,
      message: messages.getMessage('problem.deployBreaker', [r.file, r.reason]),
    });
  }
  return problems;
}

export async function targetProblems(
  project: KitProject,
  target: TargetFacts | undefined,
  only?: string
): Promise<Problem[]> {
  const kits = project.kits.filter((k) => !only || k.name === only);
  const problems: Problem[] = [];
  const componentKit = new Map(project.kits.flatMap((k) => k.components.map((c) => [c.name, k.name] as const)));
  for (const d of project.dependencies.filter((x) => kits.some((k) => k.name === x.kit))) {
    const owner = componentKit.get(d.targetObject);
    if (owner === d.kit) continue;
    if (owner) {
      problems.push({
        severity: 'warning',
        check: 'dependency',
        kit: d.kit,
        file: d.file,
        message: messages.getMessage('problem.otherKit', [d.sourceObject, d.kit, d.targetObject, owner, owner]),
      });
    } else if (!target) {
      problems.push({
        severity: 'warning',
        check: 'dependency',
        kit: d.kit,
        file: d.file,
        message: messages.getMessage('problem.checkWithOrg', [d.sourceObject, d.kit, d.targetObject]),
      });
    } else if (!target.has(d.targetObject)) {
      problems.push({
        severity: 'error',
        check: 'dependency',
        kit: d.kit,
        file: d.file,
        message: messages.getMessage('problem.notInOrg', [d.sourceObject, d.kit, d.targetObject, target.org]),
      });
    }
  }
  if (!target) return problems;
  const types = new Set(
    project.files
      .map(memberOf)
      .filter((m): m is Member => m !== undefined)
      .map((m) => m.type)
  );
  for (const type of [...types].filter((t) => (TYPE_MIN_API[t] ?? 0) > target.apiVersion)) {
    problems.push({
      severity: 'error',
      check: 'apiVersion',
      message: messages.getMessage('problem.apiVersion', [
        type,
        TYPE_MIN_API[type],
        target.org,
        target.apiVersion.toFixed(1),
      ]),
    });
  }
  for (const kit of kits.filter((k) => k.dataSpace && k.dataSpace !== 'default')) {
    if (!(await target.dataSpaceExists(kit.dataSpace!))) {
      problems.push({
        severity: 'error',
        check: 'dataSpace',
        kit: kit.name,
        file: kit.definitionFile,
        message: messages.getMessage('problem.dataSpace', [kit.name, kit.dataSpace!, target.org]),
      });
    }
  }
  return problems;
}
