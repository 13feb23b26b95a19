/**
 * Model of the schema objects that are types or type-like (issue 3): standalone sequences, domains,
 * composite types and collations. Same conventions as types.ts: readonly plain data, identity by qualified
 * name, absent facts `null`. Numbers of sequences are decimal strings (they are int8 in the catalog).
 */

/** The integer type of a sequence (`AS …`). */
export type SequenceType = 'smallint' | 'integer' | 'bigint';

/** The options every sequence has (an identity column's sequence too); Postgres fills in the ones left out. */
export interface SequenceOptions {
  readonly type: SequenceType;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

/** `CREATE SEQUENCE schema.name AS type …` with `OWNED BY table.column` (same schema), not behind a serial or identity column. */
export interface Sequence extends SequenceOptions {
  readonly kind: 'Sequence';
  readonly schema: string;
  readonly name: string;
  readonly ownedBy: { readonly table: string; readonly column: string } | null;
  readonly comment: string | null;
}

/** A named `CHECK (expression)` of a domain (`VALUE` names the checked value). */
export interface DomainCheck {
  readonly name: string;
  /** As `pg_get_constraintdef` prints it, without the `CHECK ` prefix. */
  readonly expression: string;
}

/** `CREATE DOMAIN schema.name AS type [COLLATE c] [DEFAULT e] [NOT NULL] [CONSTRAINT n CHECK (…)]…`. */
export interface Domain {
  readonly kind: 'Domain';
  readonly schema: string;
  readonly name: string;
  /** Base type as `format_type()` prints it. */
  readonly type: string;
  /** Collation when it differs from the base type's, as a ready SQL name, else null. */
  readonly collation: string | null;
  readonly default: string | null;
  readonly notNull: boolean;
  /** Checks sorted by name. */
  readonly checks: readonly DomainCheck[];
  readonly comment: string | null;
}

/** One attribute of a composite type. */
export interface CompositeAttribute {
  readonly name: string;
  readonly type: string;
  readonly collation: string | null;
}

/** `CREATE TYPE schema.name AS (attributes…)`; attributes keep their order. */
export interface CompositeType {
  readonly kind: 'CompositeType';
  readonly schema: string;
  readonly name: string;
  readonly attributes: readonly CompositeAttribute[];
  readonly comment: string | null;
}

export type CollationProvider = 'libc' | 'icu' | 'builtin';

/**
 * `CREATE COLLATION schema.name (provider = …, locale = …, deterministic = …)`. libc collations have
 * `lcCollate`/`lcCtype`; icu and builtin ones have `locale` (PostgreSQL 15 calls it colliculocale).
 */
export interface Collation {
  readonly kind: 'Collation';
  readonly schema: string;
  readonly name: string;
  readonly provider: CollationProvider;
  readonly locale: string | null;
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly deterministic: boolean;
  readonly comment: string | null;
}

/** The kinds of objects privileges are granted on. */
export type GrantObjectKind = 'table' | 'column' | 'sequence' | 'schema' | 'function' | 'type' | 'server';

/**
 * One privilege granted to a role (`PUBLIC` for everyone) beyond what the object has by default: the
 * owner's own privileges and the defaults (EXECUTE on functions and USAGE on types for PUBLIC) are implicit.
 * `name` is the schema's name for schemas and `name(argument types)` for functions (`add(integer, text)`,
 * as oidvectortypes prints them); `column` is set for column privileges only. A default privilege taken
 * away (`REVOKE EXECUTE ON FUNCTION … FROM PUBLIC`) is a grant with `revoked: true`.
 */
export interface Grant {
  readonly kind: 'Grant';
  readonly object: GrantObjectKind;
  /** Null for schemas and foreign servers. */
  readonly schema: string | null;
  readonly name: string;
  readonly column: string | null;
  readonly grantee: string;
  /** `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `REFERENCES`, `TRIGGER`, `USAGE`, `CREATE`, `EXECUTE`… */
  readonly privilege: string;
  readonly grantable: boolean;
  /** True for a privilege the object has by default (acldefault) that was revoked. */
  readonly revoked: boolean;
}

/** Identity of a grant: everything but `grantable`. */
export const grantKey = (g: Grant): string => JSON.stringify([g.object, g.schema, g.name, g.column, g.grantee, g.privilege, g.revoked]);
