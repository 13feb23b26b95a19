import type { Catalog, Dependency, ExpressionOwner, ExpressionUse } from '../model';
import type { Change } from './changes';

type Rename = Extract<Change, { kind: `Rename${string}` }>;

/** The owner of a table expression as named after one rename. */
function renameOwner(o: ExpressionOwner, r: Rename): ExpressionOwner {
  const onTable = (table: string) => 'table' in o && o.schema === r.schema && o.table === table;
  switch (r.kind) {
    case 'RenameTable':
      return onTable(r.from) ? ({ ...o, table: r.to } as ExpressionOwner) : o;
    case 'RenameColumn':
      return (o.kind === 'default' || o.kind === 'generated') && onTable(r.table) && o.column === r.from ? { ...o, column: r.to } : o;
    case 'RenameConstraint':
      return o.kind === 'constraint' && onTable(r.table) && o.name === r.from ? { ...o, name: r.to } : o;
    case 'RenamePolicy':
      return o.kind === 'policy' && onTable(r.table) && o.name === r.from ? { ...o, name: r.to } : o;
    case 'RenameIndex':
      return o.kind === 'index' && o.schema === r.schema && o.name === r.from ? { ...o, name: r.to } : o;
    default:
      return o;
  }
}

/** A dependency as named after one rename. */
function renameDependency(d: Dependency, r: Rename): Dependency {
  if (d.schema !== r.schema) return d;
  switch (r.kind) {
    case 'RenameTable':
    case 'RenameView':
      if (d.kind === 'column' && d.table === r.from) return { ...d, table: r.to };
      return d.kind === 'relation' && d.name === r.from ? { ...d, name: r.to } : d;
    case 'RenameColumn':
      return d.kind === 'column' && d.table === r.table && d.name === r.from ? { ...d, name: r.to } : d;
    case 'RenameEnum':
      return d.kind === 'type' && d.name === r.from ? { ...d, name: r.to } : d;
    case 'RenameTypeObject':
      return (r.object === 'Domain' || r.object === 'CompositeType') && d.kind === 'type' && d.name === r.from ? { ...d, name: r.to } : d;
    case 'RenameRoutine':
      return d.kind === 'routine' && d.name === r.from && d.args === r.identityArgs ? { ...d, name: r.to } : d;
    case 'RenameObject':
      return r.object === 'TextSearchConfiguration' && d.kind === 'text-search-configuration' && d.name === r.from ? { ...d, name: r.to } : d;
    default:
      return d;
  }
}

const isRename = (c: Change): c is Rename => c.kind.startsWith('Rename');

/**
 * The catalog's expression dependencies (`expressionUses`, from pg_depend) with owners and dependencies
 * named as after `renames`, applied in order (each names its object as the previous ones left it), so that
 * what the plan rebuilds around a recreated type or routine is found under its new name (issue 9).
 */
export function followRenamesInUses(c: Catalog, renames: readonly Change[]): Catalog {
  if (c.expressionUses === undefined) return c;
  const rs = renames.filter(isRename);
  if (rs.length === 0) return c;
  const follow = (u: ExpressionUse): ExpressionUse => ({
    owner: rs.reduce(renameOwner, u.owner),
    dependsOn: u.dependsOn.map((d) => rs.reduce(renameDependency, d)),
  });
  return { ...c, expressionUses: c.expressionUses.map(follow) };
}
