import type { Catalog, Constraint, ForeignKey, Index, Table } from '../../model';
import { qualified } from '../../sql';
import { SchemakitError } from '../../util';
import { ImplicitNames } from './implicit-names';
import { pullKey, planPullNames, type Placement, type PullLayout, type PullNames } from './pull-names';

/** What every emitter of a pull may look up: names and files, each table's members, FK cycles. */
export interface PullContext {
  readonly catalog: Catalog;
  readonly names: PullNames;
  readonly implicit: ImplicitNames;
  /** Placement of an enum by its qualified SQL type name (`reporting.subscription_tier`). */
  readonly enumsBySqlName: ReadonlyMap<string, Placement>;
  /** Placement of a domain or composite type by its qualified SQL type name. */
  readonly typesBySqlName: ReadonlyMap<string, Placement>;
  /** Constraints and indexes of each table (`schema.table`), in catalog order. */
  readonly members: ReadonlyMap<string, { readonly constraints: readonly Constraint[]; readonly indexes: readonly Index[] }>;
  /** Whether two tables reach each other through foreign keys (then TypeScript needs the thunks annotated). */
  sameCycle(a: string, b: string): boolean;
  /** The placement of a foreign key's target table; throws when it is not pulled (an extension's or a system table). */
  target(fk: ForeignKey): Placement;
}

/** Builds the context of a pull of `catalog`. */
export function pullContext(catalog: Catalog, layout: PullLayout): PullContext {
  const names = planPullNames(catalog, layout);
  const members = new Map<string, { constraints: Constraint[]; indexes: Index[] }>();
  for (const t of catalog.tables) members.set(pullKey(t.schema, t.name), { constraints: [], indexes: [] });
  for (const c of catalog.constraints) members.get(pullKey(c.schema, c.table))?.constraints.push(c);
  for (const i of catalog.indexes) members.get(pullKey(i.schema, i.table))?.indexes.push(i);
  const enumsBySqlName = new Map<string, Placement>();
  for (const e of catalog.enums) enumsBySqlName.set(qualified(e.schema, e.name), names.enums.get(pullKey(e.schema, e.name))!);
  const typesBySqlName = new Map<string, Placement>();
  for (const d of catalog.domains) typesBySqlName.set(qualified(d.schema, d.name), names.domains.get(pullKey(d.schema, d.name))!);
  for (const r of catalog.rangeTypes) typesBySqlName.set(qualified(r.schema, r.name), names.rangeTypes.get(pullKey(r.schema, r.name))!);
  for (const t of catalog.compositeTypes) typesBySqlName.set(qualified(t.schema, t.name), names.compositeTypes.get(pullKey(t.schema, t.name))!);
  const component = fkComponents(
    catalog.tables,
    catalog.constraints.filter((c): c is ForeignKey => c.kind === 'ForeignKey'),
  );
  return {
    catalog,
    names,
    implicit: new ImplicitNames(catalog),
    enumsBySqlName,
    typesBySqlName,
    members,
    sameCycle: (a, b) => component.get(a) !== undefined && component.get(a) === component.get(b),
    target(fk) {
      const p = names.tables.get(pullKey(fk.refSchema, fk.refTable));
      if (p) return p;
      throw new SchemakitError(
        'declare',
        'not-declarable',
        `${fk.schema}.${fk.table}: foreign key ${fk.name} references ${fk.refSchema}.${fk.refTable}, which is not a table of the pull (an extension's or a system table): it cannot be declared`,
      );
    },
  };
}

/** Strongly connected components of the foreign key graph (Tarjan's algorithm, iterative): table key → component id. */
function fkComponents(tables: readonly Table[], fks: readonly ForeignKey[]): Map<string, number> {
  const edges = new Map<string, string[]>();
  for (const t of tables) edges.set(pullKey(t.schema, t.name), []);
  for (const fk of fks) edges.get(pullKey(fk.schema, fk.table))?.push(pullKey(fk.refSchema, fk.refTable));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    for (let frame = work.at(-1); frame !== undefined; frame = work.at(-1)) {
      const out = edges.get(frame.node) ?? [];
      if (frame.next < out.length) {
        const to = out[frame.next++];
        if (to === undefined || !edges.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1)?.node;
      if (parent !== undefined) low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const id = index.get(frame.node)!;
        for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
          onStack.delete(n);
          component.set(n, id);
          if (n === frame.node) break;
        }
      }
    }
  }
  return component;
}
