/*
 * What components need, from the /dependencies endpoint, and orderings that respect it.
 */
import { UNDEPLOYABLE_TYPES } from '../api/componentTypes.js';
import type { DataKitClient } from '../api/client.js';
import { refKey } from './componentRef.js';

/** A component by type and name; a DLO the org lists under another name also carries its API name (F2). */
export type Ref = { type: string; name: string; apiName?: string };
export type DependencyEdge = Ref & { neededBy: string; depth: number; inKit: boolean };

const QUERYABLE = new Set(UNDEPLOYABLE_TYPES);

/** The API answers dependencies only for the 18 undeployable types and only for components in the kit. */
export const canAskDependencies = (ref: Ref, inKit: boolean): boolean => inKit && QUERYABLE.has(ref.type);

/** Asks each component at most once per command. */
export class DependencyReader {
  private readonly cache = new Map<string, Promise<Ref[]>>();

  public constructor(
    private readonly client: DataKitClient,
    private readonly kit: string,
    private readonly dataSpace?: string
  ) {}

  public of(ref: Ref): Promise<Ref[]> {
    const key = refKey(ref);
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.client.dependencies(this.kit, ref, this.dataSpace);
      this.cache.set(key, pending);
    }
    return pending;
  }

  /**
   * Breadth-first walk from `start`. Components outside the kit are leaves: the API cannot be asked about them.
   * With recursive=false only the direct dependencies are returned.
   */
  public async walk(start: Ref, inKit: (r: Ref) => boolean, recursive: boolean): Promise<DependencyEdge[]> {
    const edges: DependencyEdge[] = [];
    const seen = new Set([refKey(start)]);
    let frontier: Array<{ ref: Ref; depth: number }> = [{ ref: start, depth: 0 }];
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      const levels = await Promise.all(
        frontier.map(async (f) => ({ f, deps: canAskDependencies(f.ref, inKit(f.ref)) ? await this.of(f.ref) : [] }))
      );
      for (const { f, deps } of levels) {
        for (const dep of deps) {
          const key = refKey(dep);
          const member = inKit(dep);
          edges.push({ ...dep, neededBy: refKey(f.ref), depth: f.depth + 1, inKit: member });
          if (recursive && !seen.has(key)) next.push({ ref: dep, depth: f.depth + 1 });
          seen.add(key);
        }
      }
      frontier = next;
    }
    return edges;
  }
}

/**
 * Stable topological order: keeps the given order except that a component comes after what it needs.
 * `needs` maps refKey -> refKeys of dependencies; cycles keep their given order.
 */
export function orderByDependencies<T extends Ref>(items: T[], needs: Map<string, string[]>): T[] {
  const byKey = new Map(items.map((i) => [refKey(i), i]));
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const out: T[] = [];
  const visit = (key: string): void => {
    if (placed.has(key) || visiting.has(key) || !byKey.has(key)) return;
    visiting.add(key);
    for (const dep of needs.get(key) ?? []) visit(dep);
    visiting.delete(key);
    placed.add(key);
    out.push(byKey.get(key)!);
  };
  for (const item of items) visit(refKey(item));
  return out;
}
