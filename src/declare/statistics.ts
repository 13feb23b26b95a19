import { STATISTICS_KINDS, type Statistics, type StatisticsKind } from '../model';
import { ColumnRef } from './column-ref';
import { captureLocation, type Location } from './location';
import type { Sql } from './sql-fragment';
import type { AnyTableDecl } from './table';

/** Options of `statistics()`. */
export interface StatisticsOptions {
  /** Columns (`users.columns.city`) and expressions (`sql\`lower(${users.columns.email})\``), at least two, or one expression. */
  readonly on: readonly (ColumnRef | Sql)[];
  /** Default: all three for several columns or expressions; none for one expression. */
  readonly kinds?: readonly StatisticsKind[];
  /** `ALTER STATISTICS … SET STATISTICS n`. */
  readonly target?: number;
  /** The statistics object's schema; default: the table's. */
  readonly schema?: string;
  readonly comment?: string;
  /** The statistics object's previous name in its schema: `ALTER STATISTICS … RENAME TO` instead of drop and create. */
  readonly renamedFrom?: string;
}

/** A declared extended statistics object (`CREATE STATISTICS`). */
export class StatisticsDecl {
  readonly kind = 'StatisticsDecl' as const;
  constructor(
    readonly table: AnyTableDecl,
    readonly name: string,
    readonly options: StatisticsOptions,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
}

/** Declares extended statistics: `statistics(addresses, 'addresses_city_zip', { on: [addresses.columns.city, addresses.columns.zip], kinds: ['dependencies'] })`. */
export function statistics(table: AnyTableDecl, name: string, options: StatisticsOptions): StatisticsDecl {
  return new StatisticsDecl(table, name, options, captureLocation());
}

/** The model of a declared statistics object. */
export function toStatistics(d: StatisticsDecl): Statistics {
  const o = d.options;
  const columns = o.on.filter((x): x is ColumnRef => x instanceof ColumnRef).map((x) => x.name);
  const expressions = o.on.filter((x): x is Sql => !(x instanceof ColumnRef)).map((x) => x.text);
  const kinds = o.kinds ?? (o.on.length > 1 ? STATISTICS_KINDS : []);
  return {
    kind: 'Statistics',
    schema: o.schema ?? d.table.schema,
    name: d.name,
    tableSchema: d.table.schema,
    table: d.table.name,
    kinds: STATISTICS_KINDS.filter((k) => kinds.includes(k)),
    columns,
    expressions,
    target: o.target ?? null,
    comment: o.comment ?? null,
  };
}
