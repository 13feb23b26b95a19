import type { Collation, Column, CompositeType, Domain, Grant, Sequence } from '../model';
import type { Around } from './around';

/** Changes of sequences, domains, composite types and collations (see model/type-objects.ts). */

export interface CreateSequence {
  readonly kind: 'CreateSequence';
  readonly sequence: Sequence;
}
export interface DropSequence {
  readonly kind: 'DropSequence';
  readonly sequence: Sequence;
}
/** `ALTER SEQUENCE … <options>` and/or `OWNED BY`. */
export interface AlterSequence {
  readonly kind: 'AlterSequence';
  readonly from: Sequence;
  readonly to: Sequence;
}

export interface CreateDomain {
  readonly kind: 'CreateDomain';
  readonly domain: Domain;
}
export interface DropDomain {
  readonly kind: 'DropDomain';
  readonly domain: Domain;
}
/**
 * `ALTER DOMAIN` for default, NOT NULL and checks (the base type and collation cannot be altered); with
 * `around`, a check dropped before or added after a routine it calls is recreated (see rebuildExpressionUsers).
 */
export interface AlterDomain extends Around {
  readonly kind: 'AlterDomain';
  readonly from: Domain;
  readonly to: Domain;
}

/** A column of a type the plan recreates aside (converted to the new type). */
export interface TypeColumn {
  readonly schema: string;
  readonly table: string;
  readonly column: Column;
}

/** A type by its qualified name. */
export interface TypeRef {
  readonly schema: string;
  readonly name: string;
}

/**
 * A domain in use whose base type or collation changes, or whose base type the plan recreates: renamed
 * aside, created anew, its columns converted (through the new base type, or through text when `within` is
 * not empty), the old one dropped, like RecreateEnum.
 */
export interface RecreateDomain {
  readonly kind: 'RecreateDomain';
  readonly from: Domain;
  readonly to: Domain;
  readonly columns: readonly TypeColumn[];
  /**
   * Types the domain's old definition reads that the same plan recreates aside (issue 9): while both
   * exist, the old domain reads their renamed-aside copies, and it is dropped before them. Absent: none.
   */
  readonly within?: readonly TypeRef[];
}

export interface CreateCompositeType {
  readonly kind: 'CreateCompositeType';
  readonly type: CompositeType;
}
export interface DropCompositeType {
  readonly kind: 'DropCompositeType';
  readonly type: CompositeType;
}
/**
 * A composite type whose attribute types the plan recreates aside (an enum, a domain, another composite):
 * renamed aside, created anew, its columns converted through text, the old one dropped before the types
 * in `within` (issue 9: `ALTER TYPE … ALTER ATTRIBUTE` is refused while a column uses the type).
 */
export interface RecreateCompositeType {
  readonly kind: 'RecreateCompositeType';
  readonly from: CompositeType;
  readonly to: CompositeType;
  readonly columns: readonly TypeColumn[];
  readonly within: readonly TypeRef[];
}

/** `ALTER TYPE … ADD/DROP/ALTER ATTRIBUTE` (attributes matched by name). */
export interface AlterCompositeType {
  readonly kind: 'AlterCompositeType';
  readonly from: CompositeType;
  readonly to: CompositeType;
}

export interface CreateCollation {
  readonly kind: 'CreateCollation';
  readonly collation: Collation;
}
export interface DropCollation {
  readonly kind: 'DropCollation';
  readonly collation: Collation;
}

/** The kinds of type-objects.ts that Postgres renames with `ALTER <kind> … RENAME TO`. */
export type TypeObjectKind = 'Sequence' | 'Domain' | 'CompositeType' | 'Collation';

/** `ALTER SEQUENCE|DOMAIN|TYPE|COLLATION schema.from RENAME TO to` (explicit, from `renamedFrom`). */
export interface RenameTypeObject {
  readonly kind: 'RenameTypeObject';
  readonly object: TypeObjectKind;
  readonly schema: string;
  readonly from: string;
  readonly to: string;
}
/** `ALTER DOMAIN … RENAME CONSTRAINT` / `ALTER TYPE … RENAME ATTRIBUTE` (explicit). */
export interface RenameTypeMember {
  readonly kind: 'RenameTypeMember';
  readonly object: 'Domain' | 'CompositeType';
  readonly schema: string;
  readonly type: string;
  readonly from: string;
  readonly to: string;
}

export type TypeObjectChange =
  | CreateSequence
  | DropSequence
  | AlterSequence
  | CreateDomain
  | DropDomain
  | AlterDomain
  | RecreateDomain
  | CreateCompositeType
  | DropCompositeType
  | AlterCompositeType
  | RecreateCompositeType
  | CreateCollation
  | DropCollation
  | RenameTypeObject
  | RenameTypeMember
  | GrantPrivilege
  | RevokePrivilege;

/** `GRANT privilege ON object TO grantee [WITH GRANT OPTION]` (only when privileges are managed). */
export interface GrantPrivilege {
  readonly kind: 'GrantPrivilege';
  readonly grant: Grant;
}
/** `REVOKE privilege ON object FROM grantee`. */
export interface RevokePrivilege {
  readonly kind: 'RevokePrivilege';
  readonly grant: Grant;
}
