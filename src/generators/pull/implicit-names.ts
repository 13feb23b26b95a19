import { columnsIn, makeObjectName, nameAddition, indexColumnNames, expressionColumnName } from '../../model';
import type { Catalog, Constraint, Index, Table } from '../../model';
import { assertNever } from '../../util';

/**
 * Which names a pulled declaration may leave out: exactly those the declaration API would choose itself.
 * The rules are declare's own (Postgres's `ChooseRelationName`/`ChooseConstraintName`), so a name is
 * omitted only when the first choice equals it and nothing else in the schema is called that (else the
 * API would pick `…1`).
 */
export class ImplicitNames {
  readonly #counts = new Map<string, number>();
  constructor(catalog: Catalog) {
    const add = (schema: string, name: string) => this.#counts.set(`${schema}\u0000${name}`, (this.#counts.get(`${schema}\u0000${name}`) ?? 0) + 1);
    for (const t of catalog.tables) add(t.schema, t.name);
    for (const c of catalog.constraints) add(c.schema, c.name);
    for (const i of catalog.indexes) add(i.schema, i.name);
  }
  #free(schema: string, name: string, first: string): boolean {
    return name === first && this.#counts.get(`${schema}\u0000${name}`) === 1;
  }
  /** Whether a constraint's name is the one its declaration gets without `name` (`check` is the expression as declared). */
  constraint(c: Constraint, table: Table, check: string | null = null): boolean {
    switch (c.kind) {
      case 'PrimaryKey':
        return this.#free(c.schema, c.name, makeObjectName(c.table, null, 'pkey'));
      case 'Unique':
        return this.#free(c.schema, c.name, makeObjectName(c.table, nameAddition([...c.columns, ...(c.include ?? [])]), 'key'));
      case 'ForeignKey':
        return this.#free(c.schema, c.name, makeObjectName(c.table, nameAddition(c.columns), 'fkey'));
      case 'Exclusion':
        return false; // declared with its name
      case 'Check': {
        const vars = columnsIn(
          check ?? c.expression,
          table.columns.map((x) => x.name),
        );
        return this.#free(c.schema, c.name, makeObjectName(c.table, vars.length === 1 ? (vars[0] ?? null) : null, 'check'));
      }
      default:
        return assertNever(c);
    }
  }
  /** Whether an index's name is the `<table>_<columns>_idx` its declaration gets without a name. */
  index(i: Index): boolean {
    const keys = i.keys.map((k) => k.column ?? expressionColumnName(k.expression ?? ''));
    return this.#free(i.schema, i.name, makeObjectName(i.table, nameAddition(indexColumnNames([...keys, ...i.include])), 'idx'));
  }
}
