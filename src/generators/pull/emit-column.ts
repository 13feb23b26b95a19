import type { Column, ForeignKey, PrimaryKey, Table, Unique } from '../../model';
import { collateArgument } from './collation';
import { defaultArgument, nextvalSequence } from './column-default';
import { columnTypeCall, splitArray } from './column-type';
import { sequenceOptionEntries } from './emit-type-objects';
import { columnPrimaryKey, columnReference, columnUnique } from './emit-constraint';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { sqlTemplate, usesRow } from './sql-template';
import { parameterRecord } from './emit-table-shape';
import { tsString } from './ts-text';

/** The constraints declared on a column itself (`.primaryKey()`, `.unique()`, `.references()`). */
export interface ColumnConstraints {
  readonly primaryKey: PrimaryKey | null;
  readonly unique: Unique | null;
  readonly references: ForeignKey | null;
  /** Whether the column is in the primary key (then NOT NULL goes without saying). */
  readonly inPrimaryKey: boolean;
}

/**
 * A column declaration: `c.varchar(255).notNull().unique().comment('…')`. What Postgres implies is left out:
 * NOT NULL of primary key, serial and identity columns.
 */
export function emitColumn(column: Column, table: Table, own: ColumnConstraints, ctx: PullContext, imports: Imports): string {
  const { base, dims } = splitArray(column.type);
  const declaredType = ctx.typesBySqlName.get(base);
  let out = declaredType
    ? `${imports.lib('c')}.type(${imports.ref(declaredType)})${'.array()'.repeat(dims)}`
    : columnTypeCall(
        column.type,
        (sqlName) => {
          const p = ctx.enumsBySqlName.get(sqlName);
          return p ? imports.ref(p) : null;
        },
        imports,
      );
  if (column.collation !== null) out += `.collate(${tsString(collateArgument(column.collation))})`;
  if (column.identity !== null) {
    const options = column.identityOptions ? sequenceOptionEntries(column.identityOptions) : [];
    const args = options.length === 0 ? '' : `{ ${options.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
    out += column.identity === 'always' ? `.generatedAlwaysAsIdentity(${args})` : `.generatedByDefaultAsIdentity(${args})`;
  }
  if (column.generated !== null) {
    imports.lib('sql');
    const expr = sqlTemplate(column.generated, new Set(table.columns.map((c) => c.name)));
    out += `.generatedAlwaysAs(${usesRow(expr) ? `(t) => ${expr}` : expr})`;
  }
  const serial = /^(small|big)?serial$/.test(column.type);
  if (column.notNull && !own.inPrimaryKey && !serial && column.identity === null) out += '.notNull()';
  if (own.primaryKey) out += columnPrimaryKey(own.primaryKey, table, ctx);
  if (own.unique) out += columnUnique(own.unique, table, ctx);
  if (own.references) out += columnReference(own.references, table, ctx, imports);
  if (column.default !== null) out += defaultCall(column, ctx, imports);
  if (column.storage !== null) out += `.storage(${tsString(column.storage)})`;
  if (column.compression !== null) out += `.compression(${tsString(column.compression)})`;
  if (column.statistics !== null) out += `.statistics(${column.statistics})`;
  if (column.attributeOptions.length > 0) out += `.attributeOptions(${parameterRecord(column.attributeOptions)})`;
  if (column.comment !== null) out += `.comment(${tsString(column.comment)})`;
  return out;
}

/** `.default(…)`: `seq.nextval()` for the next value of a pulled sequence, else a value or the SQL. */
function defaultCall(column: Column, ctx: PullContext, imports: Imports): string {
  const seq = nextvalSequence(column.default ?? '');
  const placement = seq ? ctx.names.sequences.get(pullKey(seq[0], seq[1])) : undefined;
  if (placement) return `.default(${imports.ref(placement)}.nextval())`;
  const d = defaultArgument(column);
  if (d.isSql) imports.lib('sql');
  return `.default(${d.text})`;
}
