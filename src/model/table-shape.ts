/**
 * Table shapes (issue 3): partitioning, inheritance, persistence, storage parameters, row-level security
 * and policies, column storage. Kept apart from types.ts so the core model stays small; the defaults
 * (`plainTable`, `plainColumn`) mean "an ordinary table / column" and are spread into every builder.
 */
import { nameKey } from './name-key';

/** A table by qualified name. */
export interface TableName {
  readonly schema: string;
  readonly name: string;
}

export type PartitionStrategy = 'range' | 'list' | 'hash';

/** `PARTITION BY strategy (key)` of a partitioned table. */
export interface PartitionBy {
  readonly strategy: PartitionStrategy;
  /** The key list as Postgres prints it between the parentheses (`created_at`, `lower(name), id`). */
  readonly key: string;
}

/** `PARTITION OF parent bound` of a partition (a partition's columns are its parent's). */
export interface PartitionOf {
  readonly schema: string;
  readonly table: string;
  /** As `pg_get_expr(relpartbound)` prints it: `FOR VALUES FROM (…) TO (…)`, `FOR VALUES IN (…)`, `FOR VALUES WITH (modulus m, remainder r)` or `DEFAULT`. */
  readonly bound: string;
}

/** `UNLOGGED` tables skip the WAL (fast, emptied after a crash). Temporary tables are never schema objects. */
export type TablePersistence = 'permanent' | 'unlogged';

/** One `WITH (name = value)` storage parameter, value as pg_class.reloptions stores it. */
export interface StorageParameter {
  readonly name: string;
  readonly value: string;
}

/**
 * `REPLICA IDENTITY` of a table: what logical decoding writes of an updated or deleted row's old values.
 * `default` is the primary key; `{ index }` names a unique index of the table (`USING INDEX`).
 */
export type ReplicaIdentity = 'default' | 'full' | 'nothing' | { readonly index: string };

/**
 * A storage parameter value by meaning, as both sides of a diff must spell it: Postgres keeps reloptions
 * as written (`fillfactor='070'`, `autovacuum_enabled=on`), so numbers are written as JavaScript prints
 * them (`70`, `0.2`) and boolean words as `true` / `false`. Other text is kept.
 */
export function canonicalParameterValue(value: string): string {
  const v = value.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v)) return String(Number(v));
  const word = v.toLowerCase();
  if (word === 'on' || word === 'true' || word === 'yes') return 'true';
  if (word === 'off' || word === 'false' || word === 'no') return 'false';
  return value;
}

export type ColumnStorage = 'plain' | 'external' | 'extended' | 'main';

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

/** `CREATE POLICY name ON table AS permissive|restrictive FOR command TO roles USING (…) WITH CHECK (…)`. */
export interface Policy {
  readonly kind: 'Policy';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly command: PolicyCommand;
  readonly permissive: boolean;
  /** Role names, sorted; `public` stands for PUBLIC (and is then the only one). */
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
  readonly comment: string | null;
}

/**
 * What a partition or inheriting table holds of an inherited column when it differs from its parent (issue 9):
 * its own NOT NULL (`CREATE TABLE … PARTITION OF p (c NOT NULL)`) or DEFAULT (`ALTER TABLE ONLY child ALTER
 * COLUMN c SET DEFAULT …`). The model keeps inherited columns with the parent; a fact left null is the
 * parent's (ALTER TABLE on the parent recurses: it sets the fact on every child, overriding theirs).
 */
export interface ColumnOverride {
  readonly name: string;
  /** The child's NOT NULL when it differs from the parent's, else null. */
  readonly notNull: boolean | null;
  /** The child's default (`expression: null`: none) when it differs from the parent's, else null. */
  readonly default: { readonly expression: string | null } | null;
}

/** The shape fields of an ordinary table: permanent, not partitioned, no parents, no options, no RLS. */
export const plainTable = Object.freeze({
  partitionBy: null,
  partitionOf: null,
  inherits: Object.freeze([]) as readonly TableName[],
  persistence: 'permanent',
  storageParameters: Object.freeze([]) as readonly StorageParameter[],
  rowSecurity: false,
  forceRowSecurity: false,
  replicaIdentity: 'default' as ReplicaIdentity,
  columnOverrides: Object.freeze([]) as readonly ColumnOverride[],
} as const);

/** The storage fields of an ordinary column: the type's storage and the server's compression. */
export const plainColumn = Object.freeze({
  storage: null,
  compression: null,
  identityOptions: null,
  statistics: null,
  attributeOptions: Object.freeze([]) as readonly StorageParameter[],
} as const);

/** A parameter list from a declaration's record (`{ fillfactor: 70 }`), values by meaning, sorted by name. */
export function parameterList(record: Readonly<Record<string, string | number | boolean>>): StorageParameter[] {
  return Object.entries(record)
    .map(([name, v]) => ({ name, value: canonicalParameterValue(String(v)) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Policy names are unique per table. */
export const policyKey = (p: Pick<Policy, 'schema' | 'table' | 'name'>): string => nameKey(p.schema, p.table, p.name);
