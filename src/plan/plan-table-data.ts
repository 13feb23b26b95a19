import type { DataColumn, SyncTableData } from '../diff';
import { ident, literal, qualified } from '../sql';
import { dataNode, relNode } from './graph-keys';
import { Phase, plannedStep, type PlannedStep } from './planned-step';

/** Rows per INSERT / DELETE statement: keeps statements readable and under parser limits on big files. */
const BATCH = 500;

type Value = string | null;

/** A value as SQL: a literal (its type comes from the column it is written to), or the lookup of a referenced id. */
function valueSql(col: DataColumn, v: Value): string {
  if (v === null) return 'NULL';
  if (!col.lookup) return literal(v);
  const l = col.lookup;
  return `(SELECT ${ident(l.id)} FROM ${qualified(l.schema, l.table)} WHERE ${ident(l.match)} = ${literal(v)})`;
}

/** `WHERE` condition matching rows by key (several rows: `IN`). */
function keyCondition(columns: readonly DataColumn[], key: readonly string[], rows: readonly (readonly Value[])[]): string {
  const idx = key.map((k) => columns.findIndex((c) => c.name === k));
  const tuple = (r: readonly Value[]) => idx.map((i) => valueSql(columns[i], r[i]));
  const lhs = key.length === 1 ? ident(key[0]) : `(${key.map(ident).join(', ')})`;
  if (rows.length === 1) return idx.map((i, n) => `${ident(key[n])} = ${tuple(rows[0])[n]}`).join(' AND ');
  return `${lhs} IN (${rows.map((r) => (key.length === 1 ? tuple(r)[0] : `(${tuple(r).join(', ')})`)).join(', ')})`;
}

function insertSql(target: string, columns: readonly DataColumn[], rows: readonly (readonly Value[])[], override: boolean): string {
  const values = rows.map((r) => `(${r.map((v, i) => valueSql(columns[i], v)).join(', ')})`).join(',\n  ');
  return `INSERT INTO ${target} (${columns.map((c) => ident(c.name)).join(', ')})${override ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES\n  ${values}`;
}

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += BATCH) out.push(xs.slice(i, i + BATCH));
  return out;
}

/**
 * Steps of one reference-data change: batched INSERTs (reverse: DELETE by key), one UPDATE per row of the
 * changed columns (reverse: the old values), batched DELETEs (hazard `deletes-data`; reverse: the deleted
 * rows inserted whole). Writes run after the table's DDL and after the rows they reference; deletes run
 * before the deletes of the rows they reference.
 */
export function planSyncTableData(c: SyncTableData): PlannedStep[] {
  const target = qualified(c.schema, c.table);
  const object = `${c.schema}.${c.table}`;
  const raw = (names: readonly string[]): DataColumn[] => names.map((name) => ({ name, lookup: null }));
  switch (c.action) {
    case 'insert':
      return chunks(c.rows).map((batch) => plannedStep(c, {
        sql: insertSql(target, c.columns, batch.map((r) => r.values), false),
        reverse: `DELETE FROM ${target} WHERE ${keyCondition(c.columns, c.key, batch.map((r) => r.values))}`,
        object, op: '+', phase: Phase.WriteData,
        creates: [dataNode('data', c.schema, c.table)],
        needs: [relNode(c.schema, c.table), ...c.references.map((r) => dataNode('data', r.schema, r.table))],
      }));
    case 'update':
      return c.rows.map((r) => {
        const changed = c.columns.flatMap((col, i) => (!c.key.includes(col.name) && r.before?.[i] !== r.values[i] ? [i] : []));
        const set = (vals: readonly Value[]) => changed.map((i) => `${ident(c.columns[i].name)} = ${valueSql(c.columns[i], vals[i])}`).join(', ');
        const where = keyCondition(c.columns, c.key, [r.values]);
        return plannedStep(c, {
          sql: `UPDATE ${target} SET ${set(r.values)} WHERE ${where}`,
          reverse: `UPDATE ${target} SET ${set(r.before ?? r.values)} WHERE ${where}`,
          object, op: '~', phase: Phase.WriteData,
          creates: [dataNode('data', c.schema, c.table)],
          needs: [relNode(c.schema, c.table), ...c.references.map((x) => dataNode('data', x.schema, x.table))],
        });
      });
    case 'delete':
      return chunks(c.rows).map((batch) => plannedStep(c, {
        sql: `DELETE FROM ${target} WHERE ${keyCondition(c.columns, c.key, batch.map((r) => r.values))}`,
        reverse: insertSql(target, raw(c.beforeColumns), batch.map((r) => r.before ?? []), true),
        hazards: [{ kind: 'deletes-data', message: `${object}: deletes ${batch.length} row(s) that are not in its CSV file (mode sync)` }],
        object, op: '-', phase: Phase.DeleteData,
        // A drop of a key is ordered before its create: referencing rows go before the rows they point at.
        creates: [dataNode('data-delete', c.schema, c.table)],
        drops: c.references.map((r) => dataNode('data-delete', r.schema, r.table)),
        needs: [relNode(c.schema, c.table)],
      }));
  }
}
