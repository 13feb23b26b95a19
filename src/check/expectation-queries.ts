import { nameKey } from '../model';
import { dedupeCommand, type NaturalKey, type TableExpectation } from '../model';
import { ident, literal, qualified } from '../sql';
import { plural, type DataQuery, type Planned } from './data-query';
import { allNotNull, columnsText, rowKeySql, type LiveTable } from './live-tables';

/** Skips a check whose table or columns are not in the database yet. */
function missing(tables: ReadonlyMap<string, LiveTable>, schema: string, table: string, cols: readonly string[]): string | null {
  const t = tables.get(nameKey(schema, table));
  if (!t) return `${schema}.${table} is not in the database (apply the schema first)`;
  const gone = cols.filter((c) => !t.columns.includes(c));
  return gone.length > 0 ? `column(s) ${gone.join(', ')} of ${schema}.${table} not in the database (apply the schema first)` : null;
}

/** Duplicate groups over declared natural keys (rows with a NULL in the key are not duplicates, as for UNIQUE). */
export function planNaturalKeys(keys: readonly NaturalKey[], tables: ReadonlyMap<string, LiveTable>): Planned {
  const out: Planned = { queries: [], skipped: [] };
  for (const k of keys) {
    const why = missing(tables, k.schema, k.table, k.columns);
    const object = `${k.schema}.${k.table}`;
    if (why) {
      out.skipped.push({ kind: 'duplicate-natural-key', object, reason: why, location: k.location });
      continue;
    }
    const groups = `FROM ${qualified(k.schema, k.table)} AS t WHERE ${allNotNull(k.columns, 't')} GROUP BY ${k.columns.map((c) => `t.${ident(c)}`).join(', ')} HAVING count(*) > 1`;
    out.queries.push({
      kind: 'duplicate-natural-key',
      object,
      table: object,
      location: k.location,
      fix: dedupeCommand(k.schema, k.table, k.columns),
      countSql: `SELECT count(*) AS n, coalesce(sum(d.c), 0) AS rows FROM (SELECT count(*) AS c ${groups}) AS d`,
      sampleSql: `SELECT ${columnsText(k.columns, 't')} AS v ${groups} ORDER BY 1 LIMIT 5`,
      describe: (n) => `natural key (${k.columns.join(', ')}) of ${object}: ${plural(n, 'duplicate group')}`,
    });
  }
  return out;
}

/** The SQL of one table expectation: rows that break it, or (rows) the count compared. */
function expectationQuery(e: TableExpectation, t: LiveTable): DataQuery {
  const object = `${e.schema}.${e.table}`;
  const tbl = `${qualified(e.schema, e.table)} AS t`;
  const base = { table: object, location: e.location };
  const offending = (kind: DataQuery['kind'], where: string, describe: (n: number) => string, fix: string): DataQuery => ({
    ...base,
    kind,
    object: `${object}.${(e as { column: string }).column}`,
    describe,
    fix,
    countSql: `SELECT count(*) AS n FROM ${tbl} WHERE ${where}`,
    sampleSql: `SELECT ${rowKeySql(t, 't')} AS v FROM ${tbl} WHERE ${where} ORDER BY 1 LIMIT 5`,
  });
  switch (e.kind) {
    case 'RowCount':
      return {
        ...base,
        kind: 'row-count',
        object,
        fix: null,
        sampleSql: null,
        countSql: `SELECT count(*) AS n, NOT (count(*) ${e.op} ${Number(e.value)}) AS failed FROM ${tbl}`,
        describe: (n) => `${object} has ${plural(n, 'row')}, expected ${e.op} ${e.value}`,
      };
    case 'NoEmptyStrings': {
      const c = `t.${ident(e.column)}`;
      return offending(
        'empty-strings',
        `btrim(${c}::text) = ''`,
        (n) => `${object}.${e.column}: ${plural(n, 'row has', 'rows have')} an empty string`,
        'fill the values in or set them NULL',
      );
    }
    case 'Matches': {
      const c = `t.${ident(e.column)}`;
      return offending(
        'unmatched-pattern',
        `${c} IS NOT NULL AND NOT (${c}::text ~ ${literal(e.pattern)})`,
        (n) => `${object}.${e.column}: ${plural(n, 'value does', 'values do')} not match /${e.pattern}/`,
        'correct the values',
      );
    }
    case 'AcceptedValues': {
      const c = `t.${ident(e.column)}`;
      const list = e.values.map((v) => literal(String(v))).join(', ');
      return offending(
        'unaccepted-values',
        `${c} IS NOT NULL AND ${c}::text NOT IN (${list})`,
        (n) => `${object}.${e.column}: ${plural(n, 'row has', 'rows have')} a value not in [${e.values.join(', ')}]`,
        'correct the values, or add them to the list',
      );
    }
  }
}

const kindOf = { RowCount: 'row-count', NoEmptyStrings: 'empty-strings', Matches: 'unmatched-pattern', AcceptedValues: 'unaccepted-values' } as const;

/** The declared expectations of tables. */
export function planExpectations(es: readonly TableExpectation[], tables: ReadonlyMap<string, LiveTable>): Planned {
  const out: Planned = { queries: [], skipped: [] };
  for (const e of es) {
    const why = missing(tables, e.schema, e.table, 'column' in e ? [e.column] : []);
    if (why) out.skipped.push({ kind: kindOf[e.kind], object: `${e.schema}.${e.table}`, reason: why, location: e.location });
    else out.queries.push(expectationQuery(e, tables.get(nameKey(e.schema, e.table))!));
  }
  return out;
}
