/*
 * Checks of a kit's source before a deploy. Source checks need no org; org checks take what the target org
 * answers (its API version, what it has, its data spaces) as functions, so this module makes no calls itself.
 */
import { normalizeType } from '../api/componentTypes.js';
import type { Removal } from './clean.js';
import type { KitProject } from './kitSource.js';
import { carrierOf, memberOf, TYPE_MIN_API, type Member } from './sourceMembers.js';

export type Problem = {
  severity: 'error' | 'warning';
  check: 'orphan' | 'missingMetadata' | 'unknownType' | 'order' | 'deployBreaker' | 'apiVersion' | 'dependency' | 'dataSpace';
  kit?: string;
  component?: string;
  file?: string;
  message: string;
};

export type TargetFacts = {
  org: string;
  apiVersion: number;
  /** names (any type) the target org has, as available components or in its kits */
  has(name: string): boolean;
  dataSpaceExists(name: string): Promise<boolean>;
};

const key = (m: Member): string => `${m.type}:${m.name}`;

export function sourceProblems(project: KitProject, removals: Removal[], only?: string): Problem[] {
  const kits = project.kits.filter((k) => !only || k.name === only);
  const present = new Set(project.files.map(memberOf).filter((m): m is Member => m !== undefined).map(key));
  const problems: Problem[] = [];
  for (const o of project.orphans.filter((r) => !only || r.parent === only)) {
    problems.push({ severity: 'error', check: 'orphan', kit: o.parent, component: `${o.type}:${o.name}`, file: o.file, message: `${o.file} adds ${o.type}:${o.name} to kit ${o.parent}, which is not in the source: an orphaned member breaks the deploy. Delete the file, or retrieve kit ${o.parent} too.` });
  }
  for (const kit of kits) {
    const names = new Set(kit.components.map((c) => c.name));
    for (const c of kit.components) {
      if (!normalizeType(c.type)) {
        problems.push({ severity: 'error', check: 'unknownType', kit: kit.name, component: `${c.type}:${c.name}`, file: c.file, message: `${c.file}: "${c.type}" is not a data kit component type.` });
        continue;
      }
      const carrier = carrierOf(c.type, c.name);
      if (!present.has(key(carrier))) {
        problems.push({ severity: 'error', check: 'missingMetadata', kit: kit.name, component: `${c.type}:${c.name}`, file: c.file, message: `Kit ${kit.name} references ${c.type}:${c.name}, but its ${carrier.type} ${carrier.name} is not in the source. Retrieve the kit again ("sf datakit retrieve --name ${kit.name}").` });
      }
    }
    for (const n of kit.sequence.filter((s) => !names.has(s))) {
      problems.push({ severity: 'warning', check: 'order', kit: kit.name, file: kit.definitionFile, message: `Kit ${kit.name}'s deploymentOrder lists ${n}, which is not one of its members.` });
    }
  }
  for (const r of removals) {
    problems.push({ severity: 'error', check: 'deployBreaker', file: r.file, component: `${r.type}:${r.member}`, message: `${r.file} breaks a metadata deploy (${r.reason}). Run "sf datakit clean".` });
  }
  return problems;
}

export async function targetProblems(project: KitProject, target: TargetFacts | undefined, only?: string): Promise<Problem[]> {
  const kits = project.kits.filter((k) => !only || k.name === only);
  const problems: Problem[] = [];
  const componentKit = new Map(project.kits.flatMap((k) => k.components.map((c) => [c.name, k.name] as const)));
  for (const d of project.dependencies.filter((x) => kits.some((k) => k.name === x.kit))) {
    const owner = componentKit.get(d.targetObject);
    if (owner === d.kit) continue;
    if (owner) {
      problems.push({ severity: 'warning', check: 'dependency', kit: d.kit, file: d.file, message: `${d.sourceObject} (kit ${d.kit}) needs ${d.targetObject} from kit ${owner}: deploy ${owner} first.` });
    } else if (!target) {
      problems.push({ severity: 'warning', check: 'dependency', kit: d.kit, file: d.file, message: `${d.sourceObject} (kit ${d.kit}) needs ${d.targetObject}, which is in no kit here. Pass --target-org to check that the org has it.` });
    } else if (!target.has(d.targetObject)) {
      problems.push({ severity: 'error', check: 'dependency', kit: d.kit, file: d.file, message: `${d.sourceObject} (kit ${d.kit}) needs ${d.targetObject}, which is neither in the kit nor in ${target.org}.` });
    }
  }
  if (!target) return problems;
  const types = new Set(project.files.map(memberOf).filter((m): m is Member => m !== undefined).map((m) => m.type));
  for (const type of [...types].filter((t) => (TYPE_MIN_API[t] ?? 0) > target.apiVersion)) {
    problems.push({ severity: 'error', check: 'apiVersion', message: `${type} needs API version ${TYPE_MIN_API[type]}.0, but ${target.org} is at ${target.apiVersion.toFixed(1)}. Leave those files out, or deploy to an org on a later release.` });
  }
  for (const kit of kits.filter((k) => k.dataSpace && k.dataSpace !== 'default')) {
    // eslint-disable-next-line no-await-in-loop -- a handful of kits at most
    if (!(await target.dataSpaceExists(kit.dataSpace!))) {
      problems.push({ severity: 'error', check: 'dataSpace', kit: kit.name, file: kit.definitionFile, message: `Kit ${kit.name} uses data space "${kit.dataSpace}", which does not exist in ${target.org}. Create it there first: data spaces do not travel with kits.` });
    }
  }
  return problems;
}
