import type { Catalog, Constraint, Table } from '../model';
import { finding } from './context';
import { indexDeclarationCode } from './fix-code';
import type { Finding, HealthKind } from './types';

/** Options of lintDesign. */
export interface DesignLintOptions {
  /** Declaration locations by model key (Declared.locations). */
  readonly locations?: ReadonlyMap<string, string>;
  /** Report columns without a comment too (tbls' requireColumnComment); tables are always checked. */
  readonly requireColumnComments?: boolean;
  readonly wants?: (kind: HealthKind) => boolean;
}

const TIMESTAMP = /^timestamp(\s*\(\d+\))?(\s+without time zone)?(\[\])*$/i;
const VARCHAR = /^(varchar|character varying)\s*\((\d+)\)(\[\])*$/i;

/** The columns of a table's declared indexes and key constraints that can serve a lookup, as leading-column lists. */
function indexedPrefixes(catalog: Catalog, t: Table): string[][] {
  const same = (x: { schema: string; table: string }) => x.schema === t.schema && x.table === t.name;
  const fromIndexes = catalog.indexes.filter((i) => same(i) && i.where === null).map((i) => i.keys.map((k) => k.column ?? '\u0000'));
  const fromKeys = catalog.constraints
    .filter((c): c is Extract<Constraint, { kind: 'PrimaryKey' | 'Unique' }> => same(c) && (c.kind === 'PrimaryKey' || c.kind === 'Unique'))
    .map((c) => [...c.columns]);
  return [...fromIndexes, ...fromKeys];
}

const covers = (prefix: readonly string[], columns: readonly string[]) =>
  prefix.length >= columns.length && columns.every((c) => prefix.slice(0, columns.length).includes(c));

/**
 * Design lint over a declared model, no database needed: tables without a primary key, foreign keys
 * without an index, `timestamp` without time zone, `varchar(n)`, missing comments; each at its file:line.
 */
export function lintDesign(catalog: Catalog, options: DesignLintOptions = {}): Finding[] {
  const at = (key: string) => options.locations?.get(key) ?? null;
  const wants = options.wants ?? (() => true);
  const out: Finding[] = [];
  for (const t of catalog.tables) {
    const obj = `${t.schema}.${t.name}`;
    const cons = catalog.constraints.filter((c) => c.schema === t.schema && c.table === t.name);
    if (wants('no-primary-key') && t.partitionOf === null && !cons.some((c) => c.kind === 'PrimaryKey')) {
      out.push(
        finding(
          'no-primary-key',
          'warning',
          obj,
          `table ${obj} has no primary key: rows cannot be addressed, logical replication cannot update them`,
          {},
          {
            text: `declare one at ${at(obj) ?? 'its declaration'}: a column's .primaryKey() or primaryKey: (t) => primaryKey(…)`,
            typescript: 'id: c.bigint().generatedAlwaysAsIdentity().primaryKey()',
          },
          at(obj),
        ),
      );
    }
    if (wants('design-fk-without-index')) {
      const prefixes = indexedPrefixes(catalog, t);
      for (const fk of cons) {
        if (fk.kind !== 'ForeignKey' || prefixes.some((p) => covers(p, fk.columns))) continue;
        out.push(
          finding(
            'design-fk-without-index',
            'warning',
            `${obj}.${fk.name}`,
            `foreign key ${fk.name} on ${obj} (${fk.columns.join(', ')}) → ${fk.refSchema}.${fk.refTable} has no declared index`,
            {},
            { text: `add to the indexes of ${obj}${at(obj) ? ` at ${at(obj)}` : ''}`, typescript: indexDeclarationCode(fk.columns) },
            at(`${obj}.${fk.name}`) ?? at(obj),
          ),
        );
      }
    }
    for (const col of t.columns) {
      const key = `${obj}.${col.name}`;
      if (wants('timestamp-without-time-zone') && TIMESTAMP.test(col.type)) {
        out.push(
          finding(
            'timestamp-without-time-zone',
            'warning',
            key,
            `column ${key} is ${col.type} without time zone: the same instant reads differently in every time zone`,
            {},
            {
              text: `declare it c.timestamptz() at ${at(key) ?? 'its declaration'} (the change converts values using the session time zone)`,
              typescript: `${col.name}: c.timestamptz()`,
            },
            at(key),
          ),
        );
      }
      const v = VARCHAR.exec(col.type);
      if (wants('varchar-length') && v) {
        out.push(
          finding(
            'varchar-length',
            'info',
            key,
            `column ${key} is ${col.type}: text with a check says the same and can change without a rewrite`,
            { length: Number(v[2]) },
            {
              text: `declare c.text() with a check at ${at(key) ?? 'its declaration'}`,
              typescript: `${col.name}: c.text().check((x) => sql\`length(\${x}) <= ${v[2]}\`)`,
            },
            at(key),
          ),
        );
      }
      if (wants('missing-comment') && options.requireColumnComments && col.comment === null) {
        out.push(
          finding(
            'missing-comment',
            'info',
            key,
            `column ${key} has no comment`,
            {},
            { text: `add .comment('…') at ${at(key) ?? 'its declaration'}` },
            at(key),
          ),
        );
      }
    }
    if (wants('missing-comment') && t.comment === null) {
      out.push(
        finding(
          'missing-comment',
          'info',
          obj,
          `table ${obj} has no comment`,
          {},
          { text: `add comment: '…' to its options at ${at(obj) ?? 'its declaration'}` },
          at(obj),
        ),
      );
    }
  }
  return out;
}
