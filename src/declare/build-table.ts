import {
  columnsIn,
  nameKey,
  parameterList,
  type Column,
  type Constraint,
  type LogicalForeignKey,
  type FkAction,
  type FkMatch,
  type Index,
  type IndexKey,
  type Policy,
  type Renames,
  type ObjectRenames,
  TypeObjectRenames,
} from '../model';
import { resolveSequenceOptions, sequenceTypeOf } from './sequence-options';
import { ident, qualified } from '../sql';
import { STATE } from './builder';
import type { AnyColumnBuilder, ColumnState } from './column';
import { indexKeyState, type IndexKeySpec } from './column-ref';
import { columnName } from './constraints';
import { chooseName, expressionColumnName, indexColumnNames, makeObjectName, nameAddition } from './implicit-names';
import type { Location } from './location';
import { Sql, renderArrayLiteral, renderLiteral } from './sql-fragment';
import type { AnyTableDecl } from './table';
import { must } from '../util';

/** A foreign key target after its lazy reference was resolved. */
export interface ResolvedTarget {
  readonly refSchema: string;
  readonly refTable: string;
  readonly refColumns: readonly string[];
}

/** Foreign key options as given at column level or by a table-level builder. */
interface FkOptions {
  readonly name?: string | null;
  readonly onDelete?: FkAction;
  readonly onUpdate?: FkAction;
  readonly match?: FkMatch;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  readonly comment?: string | null;
  readonly renamedFrom?: string | null;
  readonly notValid?: boolean;
  readonly enforced?: boolean;
  readonly period?: boolean;
}

/** A primary key or unique constraint before it is named (mutable while duplicates are merged). */
interface IndexSpec {
  readonly kind: 'PrimaryKey' | 'Unique';
  readonly columns: readonly string[];
  name: string | null;
  readonly include: readonly string[];
  readonly nullsNotDistinct: boolean;
  readonly withoutOverlaps: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly comment: string | null;
  indexComment: string | null;
  readonly renamedFrom: string | null;
  readonly location: Location | null;
}

/** Accumulates the model pieces, rename intents and locations while tables are built. */
export interface Sink {
  readonly constraints: Constraint[];
  readonly indexes: Index[];
  readonly policies: Policy[];
  /** Foreign keys declared `enforced: false`: checked by `schemakit check`, never created. */
  readonly logicalForeignKeys: LogicalForeignKey[];
  readonly renames: { [K in Exclude<keyof Renames, 'typeObjects' | 'objects'>]-?: NonNullable<Renames[K]>[number][] } & {
    readonly typeObjects: { [K in keyof TypeObjectRenames]: TypeObjectRenames[K][number][] };
    readonly objects: { [K in keyof ObjectRenames]-?: NonNullable<ObjectRenames[K]>[number][] };
  };
  /** Records where an object was declared; repeats of a key are kept as `key#2`, `key#3`… */
  locate(key: string, location: Location | null): void;
}

/**
 * Where a column was declared: of its call sites, the one in the table's file (a column made by a
 * shared helper is located where the helper is used), else the innermost.
 */
export function columnLocation(t: AnyTableDecl, b: AnyColumnBuilder): Location | null {
  const sites = b[STATE].sites;
  const file = t.details.location?.replace(/:\d+$/, '');
  return sites.find((s) => file !== undefined && s.replace(/:\d+$/, '') === file) ?? sites[0] ?? null;
}

/** Renders a column's declared default as SQL text. */
function renderDefault(s: ColumnState): string | null {
  const d = s.default;
  if (d === null) return null;
  if ('sql' in d) return d.sql.text;
  if (s.dims > 0 && Array.isArray(d.value)) return renderArrayLiteral(d.value);
  if (s.valueStyle === 'json') return renderLiteral(JSON.stringify(d.value));
  return renderLiteral(d.value);
}

/** A collation name as written (`C`, `schema.name`) as SQL. */
export const renderCollation = (name: string): string => {
  const dot = name.indexOf('.');
  return dot > 0 && !name.startsWith('"') ? qualified(name.slice(0, dot), name.slice(dot + 1)) : ident(name);
};

/** The model columns of a table declaration. */
export function buildColumns(t: AnyTableDecl, pkColumns: ReadonlySet<string>): Column[] {
  return t.details.columns.map(([name, builder]: readonly [string, AnyColumnBuilder]): Column => {
    const s = builder[STATE];
    const generated = s.generated === null ? null : s.generated instanceof Sql ? s.generated : s.generated(t.columns);
    return {
      kind: 'Column',
      name,
      type: s.type + '[]'.repeat(s.dims),
      // Postgres makes primary key, identity and serial columns NOT NULL by itself.
      notNull: s.notNull || s.serial || s.identity !== null || pkColumns.has(name),
      default: renderDefault(s),
      identity: s.identity,
      generated: generated === null ? null : generated.text,
      collation: s.collation === null ? null : renderCollation(s.collation),
      comment: s.comment,
      identityOptions: s.identity === null ? null : resolveSequenceOptions(sequenceTypeOf(s.type) ?? 'bigint', s.identityOptions ?? {}),
      storage: s.storage,
      compression: s.compression,
      statistics: s.statistics,
      attributeOptions: parameterList(s.attributeOptions),
    };
  });
}

/** Names of the primary key columns of a table declaration (table-level key first, else column flags). */
export function primaryKeyColumns(t: AnyTableDecl): string[] {
  if (t.details.primaryKey !== null) return t.details.primaryKey[STATE].columns.map(columnName);
  return t.details.columns.filter(([, b]) => b[STATE].primaryKey !== null).map(([name]) => name);
}

/**
 * The constraints of a table in the order Postgres names them (primary key, uniques, checks, foreign
 * keys; column-level before table-level), implicit names chosen against `taken` (names in the schema).
 */
export function buildConstraints(t: AnyTableDecl, targets: (key: string) => ResolvedTarget | null, taken: Set<string>, sink: Sink): void {
  const { schema, name: table } = t;
  const cols = t.details.columns;
  const colNames = cols.map(([n]) => n);
  const base = { schema, table, deferrable: false, initiallyDeferred: false, comment: null as string | null };
  const add = (c: Constraint, renamedFrom: string | null, location: Location | null) => {
    taken.add(c.name);
    sink.constraints.push(c);
    sink.locate(nameKey(schema, table, c.name), location);
    if (renamedFrom !== null) sink.renames.constraints.push({ schema, table, from: renamedFrom, to: c.name });
  };
  const pick = (explicit: string | null | undefined, name2: string | null, label: string) => explicit ?? chooseName(table, name2, label, taken);

  // Primary key and unique constraints are built as index specs first: Postgres drops a spec equal to an
  // earlier one (same columns and options, e.g. `UNIQUE` on a primary key column) before naming any.
  const specs: IndexSpec[] = [];
  const spec = (x: IndexSpec) => {
    const prior = specs.find(
      (p) =>
        p.columns.join(',') === x.columns.join(',') &&
        p.include.join(',') === x.include.join(',') &&
        p.nullsNotDistinct === x.nullsNotDistinct &&
        p.withoutOverlaps === x.withoutOverlaps &&
        p.deferrable === x.deferrable &&
        p.initiallyDeferred === x.initiallyDeferred,
    );
    if (!prior) specs.push(x);
    else {
      if (prior.name === null && x.name !== null) prior.name = x.name;
      if (prior.indexComment === null) prior.indexComment = x.indexComment;
    }
  };
  const none = { include: [] as string[], nullsNotDistinct: false, withoutOverlaps: false, deferrable: false, initiallyDeferred: false };
  for (const [col, b] of cols) {
    const pk = b[STATE].primaryKey;
    if (pk)
      spec({
        ...none,
        kind: 'PrimaryKey',
        columns: [col],
        name: pk.name ?? null,
        comment: pk.comment ?? null,
        indexComment: pk.indexComment ?? null,
        renamedFrom: pk.renamedFrom ?? null,
        location: columnLocation(t, b),
      });
  }
  if (t.details.primaryKey) {
    const s = t.details.primaryKey[STATE];
    spec({
      ...none,
      kind: 'PrimaryKey',
      columns: s.columns.map(columnName),
      name: s.name,
      include: s.include.map(columnName),
      withoutOverlaps: s.withoutOverlaps,
      deferrable: s.deferrable,
      initiallyDeferred: s.initiallyDeferred,
      comment: s.comment,
      indexComment: s.indexComment,
      renamedFrom: s.renamedFrom,
      location: s.location,
    });
  }
  for (const [col, b] of cols) {
    const u = b[STATE].unique;
    if (u)
      spec({
        ...none,
        kind: 'Unique',
        columns: [col],
        name: u.name ?? null,
        nullsNotDistinct: u.nullsNotDistinct ?? false,
        comment: u.comment ?? null,
        indexComment: u.indexComment ?? null,
        renamedFrom: u.renamedFrom ?? null,
        location: columnLocation(t, b),
      });
  }
  for (const u of t.details.uniques) {
    const s = u[STATE];
    spec({
      kind: 'Unique',
      columns: s.columns.map(columnName),
      name: s.name,
      include: s.include.map(columnName),
      nullsNotDistinct: s.nullsNotDistinct,
      withoutOverlaps: s.withoutOverlaps,
      deferrable: s.deferrable,
      initiallyDeferred: s.initiallyDeferred,
      comment: s.comment,
      indexComment: s.indexComment,
      renamedFrom: s.renamedFrom,
      location: s.location,
    });
  }
  for (const x of specs) {
    const common = {
      ...base,
      columns: x.columns,
      deferrable: x.deferrable,
      initiallyDeferred: x.initiallyDeferred,
      comment: x.comment,
      ...(x.withoutOverlaps ? { withoutOverlaps: true as const } : {}),
      ...(x.include.length > 0 ? { include: x.include } : {}),
      ...(x.indexComment !== null ? { indexComment: x.indexComment } : {}),
    };
    if (x.kind === 'PrimaryKey') add({ ...common, kind: 'PrimaryKey', name: pick(x.name, null, 'pkey') }, x.renamedFrom, x.location);
    else
      add(
        { ...common, kind: 'Unique', name: pick(x.name, nameAddition([...x.columns, ...x.include]), 'key'), nullsNotDistinct: x.nullsNotDistinct },
        x.renamedFrom,
        x.location,
      );
  }
  // A CHECK is named after the one column it mentions (Postgres looks at the Vars), else `<table>_check`.
  const addCheck = (
    expr: string,
    explicit: string | null | undefined,
    noInherit: boolean,
    comment: string | null,
    renamedFrom: string | null,
    location: Location | null,
    notValid = false,
  ) => {
    const vars = columnsIn(expr, colNames);
    add(
      {
        ...base,
        kind: 'Check',
        name: pick(explicit, vars.length === 1 ? (vars[0] ?? null) : null, 'check'),
        expression: expr,
        noInherit,
        comment,
        ...(notValid ? { notValid: true } : {}),
      },
      renamedFrom,
      location,
    );
  };
  for (const [col, b] of cols) {
    for (const ch of b[STATE].checks) {
      const expr = ch.expr instanceof Sql ? ch.expr : ch.expr(must(t.columns[col], `column ${col}`));
      addCheck(expr.text, ch.name, false, ch.comment ?? null, ch.renamedFrom ?? null, columnLocation(t, b));
    }
  }
  for (const ch of t.details.checks) {
    const s = ch[STATE];
    addCheck(s.expression.text, s.name, s.noInherit, s.comment, s.renamedFrom, s.location, s.notValid);
  }
  const addFk = (columns: string[], target: ResolvedTarget | null, o: FkOptions, location: Location | null) => {
    if (target === null) return; // reported by collectDeclarations
    if (o.enforced === false) {
      sink.logicalForeignKeys.push({
        kind: 'LogicalForeignKey',
        schema,
        table,
        name: o.name ?? makeObjectName(table, nameAddition(columns), 'fkey'),
        columns,
        refSchema: target.refSchema,
        refTable: target.refTable,
        refColumns: target.refColumns,
        match: o.match ?? 'simple',
        location,
      });
      return;
    }
    add(
      {
        ...base,
        kind: 'ForeignKey',
        name: pick(o.name, nameAddition(columns), 'fkey'),
        columns,
        refSchema: target.refSchema,
        refTable: target.refTable,
        refColumns: target.refColumns,
        onDelete: o.onDelete ?? 'no-action',
        onUpdate: o.onUpdate ?? 'no-action',
        match: o.match ?? 'simple',
        deferrable: o.deferrable ?? o.initiallyDeferred ?? false,
        initiallyDeferred: o.initiallyDeferred ?? false,
        comment: o.comment ?? null,
        ...(o.notValid === true ? { notValid: true as const } : {}),
        ...(o.period === true ? { period: true as const } : {}),
      },
      o.renamedFrom ?? null,
      location,
    );
  };
  for (const [col, b] of cols) {
    const r = b[STATE].references;
    if (r) addFk([col], targets(`column:${col}`), r.options, columnLocation(t, b));
  }
  t.details.foreignKeys.forEach((fk, i) => {
    const s = fk[STATE];
    addFk(s.columns.map(columnName), targets(`fk:${i}`), s, s.location);
  });
}

/** The model key of an index key declaration (also an exclusion constraint's element). */
export function buildIndexKey(spec: IndexKeySpec): IndexKey {
  const k = indexKeyState(spec);
  const isColumn = !(k.expr instanceof Sql);
  return {
    column: isColumn ? (typeof k.expr === 'string' ? k.expr : (k.expr as { name: string }).name) : null,
    expression: isColumn ? null : (k.expr as Sql).text,
    opclass: k.opclass,
    ...(k.opclassOptions !== null && Object.keys(k.opclassOptions).length > 0 ? { opclassOptions: parameterList(k.opclassOptions) } : {}),
    collation: k.collation === null ? null : renderCollation(k.collation),
    descending: k.descending,
    // Postgres defaults to NULLS LAST for ASC and NULLS FIRST for DESC; the model stores it either way.
    nullsFirst: k.nulls === null ? k.descending : k.nulls === 'first',
  };
}

/** The indexes of a table, implicit names `<table>_<columns>_idx` chosen against `taken`. */
export function buildIndexes(
  t: Pick<AnyTableDecl, 'schema' | 'name'> & { details: Pick<AnyTableDecl['details'], 'indexes'> },
  taken: Set<string>,
  sink: Sink,
): void {
  for (const ix of t.details.indexes) {
    const s = ix[STATE];
    const keys: IndexKey[] = s.keys.map(buildIndexKey);
    const include = s.include.map(columnName);
    const name =
      s.name ??
      chooseName(
        t.name,
        nameAddition(indexColumnNames([...keys.map((k) => k.column ?? expressionColumnName(k.expression as string)), ...include])),
        'idx',
        taken,
      );
    taken.add(name);
    sink.indexes.push({
      kind: 'Index',
      schema: t.schema,
      table: t.name,
      name,
      unique: s.unique,
      method: s.method,
      keys,
      include,
      where: s.where === null ? null : s.where.text,
      nullsNotDistinct: s.nullsNotDistinct,
      comment: s.comment,
      ...(Object.keys(s.storageParameters).length === 0 ? {} : { storageParameters: parameterList(s.storageParameters) }),
    });
    sink.locate(nameKey(t.schema, name), s.location);
    if (s.renamedFrom !== null) sink.renames.indexes.push({ schema: t.schema, from: s.renamedFrom, to: name });
  }
}
