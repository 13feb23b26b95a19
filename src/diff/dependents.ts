import { columnKey, generationOf, rangeConstructors, relKey, routineKey, type Dependency } from '../model';
import { assertNever, qualified } from '../util';
import type { Change } from './changes';

/**
 * Keys of things whose identity or shape a plan breaks for the objects that read them: a column whose type
 * changes, is renamed (views print it with an added alias) or is dropped, a dropped relation, a recreated or dropped type or routine. A view or routine
 * depending on one must be dropped before and created again after (Postgres refuses the change otherwise).
 */
export const dependencyKey = (d: Dependency): string => {
  switch (d.kind) {
    case 'relation':
      return `relation ${relKey(d)}`;
    case 'column':
      return `column ${columnKey(d.schema, d.table, d.name)}`;
    case 'type':
      return `type ${relKey(d)}`;
    case 'routine':
      return `routine ${routineKey({ schema: d.schema, name: d.name, identityArgs: d.args })}`;
    case 'text-search-configuration':
      return `text-search-configuration ${relKey(d)}`;
    default:
      return assertNever(d, 'dependency');
  }
};

export const relationKey = (schema: string, name: string) => dependencyKey({ kind: 'relation', schema, name });
export const routineDependencyKey = (schema: string, name: string, args: string) => dependencyKey({ kind: 'routine', schema, name, args });

/** The keys the table, column and type changes of a plan invalidate. */
export function invalidatedBy(changes: readonly Change[]): Set<string> {
  const out = new Set<string>();
  const column = (schema: string, table: string, name: string) => out.add(dependencyKey({ kind: 'column', schema, table, name }));
  for (const c of changes) {
    if (c.kind === 'AlterColumn') {
      if (c.from.type !== c.to.type || c.from.collation !== c.to.collation || generationOf(c.from) !== generationOf(c.to)) column(c.schema, c.table, c.to.name);
    } else if (c.kind === 'DropColumn') column(c.schema, c.table, c.column.name);
    else if (c.kind === 'RenameColumn') column(c.schema, c.table, c.from);
    else if (c.kind === 'DropTable') {
      // Views read a table through its columns (pg_depend names the columns, not the relation).
      out.add(relationKey(c.table.schema, c.table.name));
      for (const col of c.table.columns) column(c.table.schema, c.table.name, col.name);
    } else if (c.kind === 'DropEnum') out.add(dependencyKey({ kind: 'type', schema: c.enum.schema, name: c.enum.name }));
    else if (c.kind === 'DropDomain') out.add(dependencyKey({ kind: 'type', schema: c.domain.schema, name: c.domain.name }));
    else if (c.kind === 'DropTextSearchConfiguration')
      out.add(dependencyKey({ kind: 'text-search-configuration', schema: c.configuration.schema, name: c.configuration.name }));
    else if (c.kind === 'DropCompositeType') out.add(dependencyKey({ kind: 'type', schema: c.type.schema, name: c.type.name }));
    else if (c.kind === 'DropRangeType') {
      out.add(dependencyKey({ kind: 'type', schema: c.rangeType.schema, name: c.rangeType.name }));
      out.add(dependencyKey({ kind: 'type', schema: c.rangeType.multirangeSchema, name: c.rangeType.multirangeName }));
      const r = c.rangeType;
      for (const [schema, name, args] of rangeConstructors(r, qualified(r.schema, r.name))) out.add(routineDependencyKey(schema, name, args));
    } else if (c.kind === 'RecreateRangeType') {
      // Renamed aside with its multirange type and their constructors: what reads any of them is rebuilt.
      const r = c.from;
      out.add(dependencyKey({ kind: 'type', schema: r.schema, name: r.name }));
      out.add(dependencyKey({ kind: 'type', schema: r.multirangeSchema, name: r.multirangeName }));
      for (const [schema, name, args] of rangeConstructors(r, qualified(r.schema, r.name))) out.add(routineDependencyKey(schema, name, args));
      for (const x of c.columns) column(x.schema, x.table, x.column.name);
    } else if (c.kind === 'RecreateEnum' || c.kind === 'RecreateDomain' || c.kind === 'RecreateCompositeType') {
      out.add(dependencyKey({ kind: 'type', schema: c.to.schema, name: c.to.name }));
      for (const x of c.columns) column(x.schema, x.table, x.column.name);
    }
  }
  return out;
}

/** True when one of `deps` is invalidated. */
export const dependsOnAny = (deps: readonly Dependency[], invalid: ReadonlySet<string>): boolean => deps.some((d) => invalid.has(dependencyKey(d)));
