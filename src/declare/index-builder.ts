import type { IndexMethod } from '../model';
import { Builder, STATE } from './builder';
import { IndexKeyBuilder, type IndexKeySpec } from './column-ref';
import type { ColumnSpec } from './constraints';
import { captureLocation, type Location } from './location';
import type { Sql } from './sql-fragment';

/** State of an index declaration. */
export interface IndexState {
  readonly name: string | null;
  readonly keys: readonly IndexKeySpec[];
  readonly method: IndexMethod;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  readonly include: readonly ColumnSpec[];
  readonly where: Sql | null;
  readonly storageParameters: Readonly<Record<string, string | number | boolean>>;
  readonly comment: string | null;
  readonly renamedFrom: string | null;
  readonly location: Location | null;
}

/** An index declaration (`CREATE [UNIQUE] INDEX … USING … (keys) INCLUDE (…) WHERE …`). */
export class IndexBuilder extends Builder<IndexState> {
  /** The keys: columns (`t.a`, `t.b.desc()`) or expressions (`sql\`lower(${t.email})\``), appended. */
  on(...keys: IndexKeySpec[]): IndexBuilder {
    return this.with({ keys: [...this[STATE].keys, ...keys] });
  }
  /** Access method: `btree` (default), `hash`, `gist`, `gin`, `brin`, `spgist`, or an extension's. */
  using(method: IndexMethod): IndexBuilder {
    return this.with({ method });
  }
  /** CREATE UNIQUE INDEX. */
  unique(): IndexBuilder {
    return this.with({ unique: true });
  }
  /** NULLS NOT DISTINCT for a unique index (PG 15+). */
  nullsNotDistinct(): IndexBuilder {
    return this.with({ nullsNotDistinct: true });
  }
  /** INCLUDE (columns): non-key payload columns for index-only scans (PG 11+). */
  include(...columns: ColumnSpec[]): IndexBuilder {
    return this.with({ include: [...this[STATE].include, ...columns] });
  }
  /** WHERE predicate of a partial index: `.where(sql\`${t.deleted_at} IS NULL\`)`. */
  where(predicate: Sql): IndexBuilder {
    return this.with({ where: predicate });
  }
  /** `WITH (…)`: the index's storage parameters, e.g. `.storageParameters({ fillfactor: 70 })`. */
  storageParameters(parameters: Readonly<Record<string, string | number | boolean>>): IndexBuilder {
    return this.with({ storageParameters: { ...this[STATE].storageParameters, ...parameters } });
  }
  /** Operator class for every key given so far that has none (`jsonb_path_ops`, `text_pattern_ops`…). */
  opclass(name: string): IndexBuilder {
    const keys = this[STATE].keys.map((k) => {
      const b =
        k instanceof IndexKeyBuilder
          ? k
          : new IndexKeyBuilder({ expr: k, descending: false, nulls: null, opclass: null, opclassOptions: null, collation: null });
      return b[STATE].opclass === null ? b.opclass(name) : b;
    });
    return this.with({ keys });
  }
  /** COMMENT ON INDEX. */
  comment(text: string): IndexBuilder {
    return this.with({ comment: text });
  }
  /** The index's previous name: the change becomes `ALTER INDEX … RENAME TO`. */
  renamedFrom(oldName: string): IndexBuilder {
    return this.with({ renamedFrom: oldName });
  }
}

/** Starts an index declaration; without a name Postgres's implicit `<table>_<columns>_idx` is used. */
export function index(name?: string): IndexBuilder {
  return new IndexBuilder({
    name: name ?? null,
    keys: [],
    method: 'btree',
    unique: false,
    nullsNotDistinct: false,
    include: [],
    where: null,
    storageParameters: {},
    comment: null,
    renamedFrom: null,
    location: captureLocation(),
  });
}
