import { ident } from '../sql';
import { Builder, STATE } from './builder';
import { Sql, type SqlEmbeddable } from './sql-fragment';
import type { AnyTableDecl } from './table';

/**
 * A reference to a declared column (`users.columns.email`, or `t.email` inside table callbacks). In the
 * `sql` tag it becomes the quoted column name; in indexes it is a key that can be ordered.
 */
export class ColumnRef implements SqlEmbeddable {
  readonly kind = 'ColumnRef' as const;
  readonly #owner: () => AnyTableDecl;
  constructor(
    readonly schema: string,
    readonly table: string,
    readonly name: string,
    owner: () => AnyTableDecl,
  ) {
    this.#owner = owner;
    Object.freeze(this);
  }
  /** Internal: the table declaration this column belongs to. */
  ownerTable(): AnyTableDecl {
    return this.#owner();
  }
  toSqlFragment(): Sql {
    return new Sql(ident(this.name), [this.name]);
  }
  /** This column as an ascending index key. */
  asc(): IndexKeyBuilder {
    return key(this).asc();
  }
  /** This column as a descending index key (NULLS FIRST unless told otherwise, as in Postgres). */
  desc(): IndexKeyBuilder {
    return key(this).desc();
  }
  /** This column as an index key with NULLS FIRST. */
  nullsFirst(): IndexKeyBuilder {
    return key(this).nullsFirst();
  }
  /** This column as an index key with NULLS LAST. */
  nullsLast(): IndexKeyBuilder {
    return key(this).nullsLast();
  }
  /** This column as an index key with an operator class (`text_pattern_ops`, `jsonb_path_ops`…) and its parameters (`{ siglen: 8 }`). */
  opclass(name: string, options?: Readonly<Record<string, string | number | boolean>>): IndexKeyBuilder {
    return key(this).opclass(name, options);
  }
  /** This column as an index key with a collation. */
  collate(name: string): IndexKeyBuilder {
    return key(this).collate(name);
  }
}

/** State of one index key. */
export interface IndexKeyState {
  /** A column (its reference, or its name: a partition's columns are its parent's), or an expression. */
  readonly expr: ColumnRef | Sql | string;
  readonly descending: boolean;
  readonly nulls: 'first' | 'last' | null;
  readonly opclass: string | null;
  /** Parameters of the operator class (`tsvector_ops (siglen = 8)`), or null. */
  readonly opclassOptions: Readonly<Record<string, string | number | boolean>> | null;
  readonly collation: string | null;
}

/** An index key (column or expression) with ordering, operator class and collation. */
export class IndexKeyBuilder extends Builder<IndexKeyState> {
  /** Ascending order (the default). */
  asc(): IndexKeyBuilder {
    return this.with({ descending: false });
  }
  /** Descending order. */
  desc(): IndexKeyBuilder {
    return this.with({ descending: true });
  }
  /** NULLS FIRST (the default for DESC). */
  nullsFirst(): IndexKeyBuilder {
    return this.with({ nulls: 'first' });
  }
  /** NULLS LAST (the default for ASC). */
  nullsLast(): IndexKeyBuilder {
    return this.with({ nulls: 'last' });
  }
  /** Operator class of this key, e.g. `text_pattern_ops`, `gin_trgm_ops`, with its parameters (`{ siglen: 8 }`) if any. */
  opclass(name: string, options?: Readonly<Record<string, string | number | boolean>>): IndexKeyBuilder {
    return this.with({ opclass: name, opclassOptions: options ?? null });
  }
  /** Collation of this key. */
  collate(name: string): IndexKeyBuilder {
    return this.with({ collation: name });
  }
}

/** An index key from a column (or its name) or an expression: `key(sql\`lower(${t.email})\`).desc()`. */
export function key(expr: ColumnRef | Sql | string): IndexKeyBuilder {
  return new IndexKeyBuilder({ expr, descending: false, nulls: null, opclass: null, opclassOptions: null, collation: null });
}

/** Anything accepted as an index key; a string is a column name (e.g. a partition's, which has no `t.column`). */
export type IndexKeySpec = ColumnRef | Sql | IndexKeyBuilder | string;

/** The normalized state of any index key spec. */
export function indexKeyState(spec: IndexKeySpec): IndexKeyState {
  return spec instanceof IndexKeyBuilder ? spec[STATE] : key(spec)[STATE];
}
