/** The kinds of extended statistics (`CREATE STATISTICS name (kinds) …`). */
export type StatisticsKind = 'ndistinct' | 'dependencies' | 'mcv';

/**
 * Extended statistics (`CREATE STATISTICS`, issue 9) on columns and expressions of one table, with the
 * statistics target of `ALTER STATISTICS … SET STATISTICS`. Identity by schema and name (their own name space).
 */
export interface Statistics {
  readonly kind: 'Statistics';
  readonly schema: string;
  readonly name: string;
  readonly tableSchema: string;
  readonly table: string;
  /** The kinds built, in this order: ndistinct, dependencies, mcv; [] for one expression (only its own statistics). */
  readonly kinds: readonly StatisticsKind[];
  /** Plain columns, in the table's column order (as Postgres keeps them). */
  readonly columns: readonly string[];
  /** Expressions, as `pg_get_statisticsobjdef_expressions` prints them. */
  readonly expressions: readonly string[];
  /** The statistics target when set, else null (the columns' targets apply). */
  readonly target: number | null;
  readonly comment: string | null;
}

export const STATISTICS_KINDS: readonly StatisticsKind[] = ['ndistinct', 'dependencies', 'mcv'];
