import { nameKey, type ColumnOverride, type Policy, type ReplicaIdentity, type StorageParameter, type Table, type TableName } from '../model';
import { parameterList, plainTable } from '../model';
import { ident } from '../sql';
import { STATE } from './builder';
import type { ColumnRef } from './column-ref';
import { columnName } from './constraints';
import type { ExclusionBuilder } from './exclusion';
import { chooseName, expressionColumnName, indexColumnNames, nameAddition } from './implicit-names';
import type { PolicyBuilder } from './policy';
import { Sql, renderLiteral } from './sql-fragment';
import { buildIndexKey, type Sink } from './build-table';
import type { AnyTableDecl, ColumnRefs } from './table';

/** A partition key element: a column, or an expression (`sql\`lower(${t.name})\``). */
export type PartitionKeySpec = ColumnRef | Sql;

/** `PARTITION BY RANGE | LIST | HASH (keys)`, e.g. `(t) => ({ range: [t.created_at] })`. */
export type PartitionBySpec =
  { readonly range: readonly PartitionKeySpec[] } | { readonly list: readonly PartitionKeySpec[] } | { readonly hash: readonly PartitionKeySpec[] };

/** One bound value: a JavaScript value rendered as a literal, `'MINVALUE'` / `'MAXVALUE'`, or SQL. */
export type BoundValue = string | number | bigint | boolean | Date | Sql;

/**
 * `PARTITION OF parent` and its bound: `{ parent, from: ['2024-01-01'], to: ['2024-02-01'] }`,
 * `{ parent, in: ['eu', 'us'] }`, `{ parent, modulus: 4, remainder: 0 }` or `{ parent, isDefault: true }`.
 */
export type PartitionOfSpec = { readonly parent: AnyTableDecl } & (
  | { readonly from: readonly BoundValue[]; readonly to: readonly BoundValue[] }
  | { readonly in: readonly BoundValue[] }
  | { readonly modulus: number; readonly remainder: number }
  | { readonly isDefault: true }
);

/**
 * A partition's or INHERITS child's own NOT NULL / DEFAULT of a column it inherits: `{ notNull: true }`,
 * `{ default: 5 }`, `{ default: sql\`now()\` }`, `{ default: null }` (none, where the parent has one).
 */
export interface InheritedColumnSpec {
  readonly notNull?: boolean;
  readonly default?: string | number | bigint | boolean | Date | Sql | null;
}

/** The table options of this file (part of TableOptions). */
export interface TableShapeOptions<C> {
  /** Makes the table partitioned: `partitionBy: (t) => ({ range: [t.created_at] })`. */
  readonly partitionBy?: (t: ColumnRefs<C>) => PartitionBySpec;
  /** Makes the table a partition of a partitioned table (its columns are the parent's: declare none). */
  readonly partitionOf?: PartitionOfSpec;
  /** INHERITS (parents): the table has the parents' columns as well as its own. */
  readonly inherits?: readonly AnyTableDecl[];
  /** A partition's or child's own NOT NULL / DEFAULT of inherited columns, by column name (`ALTER TABLE ONLY`). */
  readonly inheritedColumns?: Readonly<Record<string, InheritedColumnSpec>>;
  /** UNLOGGED: no WAL (faster writes; emptied after a crash, not replicated). */
  readonly unlogged?: boolean;
  /** Storage parameters: `{ fillfactor: 70, autovacuum_vacuum_scale_factor: 0.05 }`. */
  readonly storageParameters?: Readonly<Record<string, string | number | boolean>>;
  /** ENABLE ROW LEVEL SECURITY (`'force'`: FORCE it for the owner too). */
  readonly rowSecurity?: boolean | 'force';
  /** REPLICA IDENTITY for logical decoding: `'full'`, `'nothing'`, `{ index: 'unique_index_name' }` (default: the primary key). */
  readonly replicaIdentity?: ReplicaIdentity;
  /** The index `CLUSTER` orders the table by (`ALTER TABLE … CLUSTER ON`): its name. */
  readonly clusterOn?: string;
  /** Row-level security policies. */
  readonly policies?: (t: ColumnRefs<C>) => readonly PolicyBuilder[];
  /** EXCLUDE constraints. */
  readonly exclusions?: (t: ColumnRefs<C>) => readonly ExclusionBuilder[];
}

/** What TableDetails keeps of the options above. */
export interface TableShapeDetails {
  readonly partitionBy: PartitionBySpec | null;
  readonly partitionOf: PartitionOfSpec | null;
  readonly inherits: readonly AnyTableDecl[];
  readonly inheritedColumns: Readonly<Record<string, InheritedColumnSpec>>;
  readonly unlogged: boolean;
  readonly storageParameters: Readonly<Record<string, string | number | boolean>>;
  readonly rowSecurity: boolean | 'force';
  readonly replicaIdentity: ReplicaIdentity;
  readonly clusterOn: string | null;
  readonly policies: readonly PolicyBuilder[];
  readonly exclusions: readonly ExclusionBuilder[];
}

/** Evaluates the shape options of a table against its column references. */
export function tableShapeDetails<C>(options: TableShapeOptions<C>, refs: ColumnRefs<C>): TableShapeDetails {
  return {
    partitionBy: options.partitionBy?.(refs) ?? null,
    partitionOf: options.partitionOf ?? null,
    inherits: options.inherits ?? [],
    inheritedColumns: options.inheritedColumns ?? {},
    unlogged: options.unlogged ?? false,
    storageParameters: options.storageParameters ?? {},
    rowSecurity: options.rowSecurity ?? false,
    replicaIdentity: options.replicaIdentity ?? 'default',
    clusterOn: options.clusterOn ?? null,
    policies: options.policies?.(refs) ?? [],
    exclusions: options.exclusions?.(refs) ?? [],
  };
}

/** The tables a declaration refers to through its shape (partition parent, INHERITS parents). */
export function shapeReferences(t: AnyTableDecl): AnyTableDecl[] {
  const s = t.details.shape;
  return [...(s.partitionOf ? [s.partitionOf.parent] : []), ...s.inherits];
}

const keySql = (k: PartitionKeySpec): string => (k instanceof Sql ? `(${k.text})` : ident(k.name));
const boundSql = (v: BoundValue): string => (v instanceof Sql ? v.text : v === 'MINVALUE' || v === 'MAXVALUE' ? v : renderLiteral(v));
const list = (vs: readonly BoundValue[]) => vs.map(boundSql).join(', ');

/** The bound clause of a partition declaration. */
function boundOf(p: PartitionOfSpec): string {
  if ('isDefault' in p) return 'DEFAULT';
  if ('in' in p) return `FOR VALUES IN (${list(p.in)})`;
  if ('modulus' in p) return `FOR VALUES WITH (modulus ${p.modulus}, remainder ${p.remainder})`;
  return `FOR VALUES FROM (${list(p.from)}) TO (${list(p.to)})`;
}

const name = (t: AnyTableDecl): TableName => ({ schema: t.schema, name: t.name });

/** The declared own NOT NULL / DEFAULT of inherited columns as model overrides, sorted by name (normalization drops those equal to the parent's). */
function columnOverridesOf(spec: Readonly<Record<string, InheritedColumnSpec>>): ColumnOverride[] {
  return Object.entries(spec)
    .map(([column, o]) => ({
      name: column,
      notNull: o.notNull ?? null,
      default:
        o.default === undefined ? null : { expression: o.default === null ? null : o.default instanceof Sql ? o.default.text : renderLiteral(o.default) },
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The shape fields of a declared table (its SQL texts are normalized by Postgres later). */
export function buildTableShape(t: AnyTableDecl): Pick<Table, keyof typeof plainTable> {
  const s = t.details.shape;
  const by = s.partitionBy;
  const storageParameters: StorageParameter[] = parameterList(s.storageParameters);
  return {
    partitionBy:
      by === null
        ? null
        : 'range' in by
          ? { strategy: 'range', key: by.range.map(keySql).join(', ') }
          : 'list' in by
            ? { strategy: 'list', key: by.list.map(keySql).join(', ') }
            : { strategy: 'hash', key: by.hash.map(keySql).join(', ') },
    partitionOf: s.partitionOf === null ? null : { schema: s.partitionOf.parent.schema, table: s.partitionOf.parent.name, bound: boundOf(s.partitionOf) },
    inherits: s.inherits.map(name),
    persistence: s.unlogged ? 'unlogged' : 'permanent',
    storageParameters,
    rowSecurity: s.rowSecurity !== false,
    forceRowSecurity: s.rowSecurity === 'force',
    replicaIdentity: typeof s.replicaIdentity === 'string' ? s.replicaIdentity : { index: s.replicaIdentity.index },
    columnOverrides: columnOverridesOf(s.inheritedColumns),
    ...(s.clusterOn === null ? {} : { clusterOn: s.clusterOn }),
  };
}

/** The policies of a table declaration. */
export function buildPolicies(t: AnyTableDecl, sink: Sink): void {
  for (const b of t.details.shape.policies) {
    const s = b[STATE];
    const p: Policy = {
      kind: 'Policy',
      schema: t.schema,
      table: t.name,
      name: s.name,
      command: s.command,
      permissive: s.permissive,
      roles: [...new Set(s.roles.map((r) => (r.toLowerCase() === 'public' ? 'public' : r)))].sort(),
      using: s.using?.text ?? null,
      withCheck: s.withCheck?.text ?? null,
      comment: s.comment,
    };
    sink.policies.push(p);
    sink.locate(nameKey(t.schema, t.name, s.name), s.location);
    if (s.renamedFrom !== null) sink.renames.policies.push({ schema: t.schema, table: t.name, from: s.renamedFrom, to: s.name });
  }
}

/** The exclusion constraints of a table, implicit names `<table>_<columns>_excl` chosen against `taken`. */
export function buildExclusions(t: AnyTableDecl, taken: Set<string>, sink: Sink): void {
  for (const x of t.details.shape.exclusions) {
    const s = x[STATE];
    const elements = s.elements.map(([spec, operator]) => ({ ...buildIndexKey(spec), operator }));
    const include = s.include.map(columnName);
    const keyNames = indexColumnNames([...elements.map((e) => e.column ?? expressionColumnName(e.expression as string)), ...include]);
    const cname = s.name ?? chooseName(t.name, nameAddition(keyNames), 'excl', taken);
    taken.add(cname);
    sink.constraints.push({
      kind: 'Exclusion',
      schema: t.schema,
      table: t.name,
      name: cname,
      deferrable: s.deferrable,
      initiallyDeferred: s.initiallyDeferred,
      comment: s.comment,
      method: s.method,
      elements,
      include,
      where: s.where?.text ?? null,
      ...(s.indexComment !== null ? { indexComment: s.indexComment } : {}),
    });
    sink.locate(nameKey(t.schema, t.name, cname), s.location);
    if (s.renamedFrom !== null) sink.renames.constraints.push({ schema: t.schema, table: t.name, from: s.renamedFrom, to: cname });
  }
}
