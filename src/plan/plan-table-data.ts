import type { DataColumn, SyncTableData } from '../diff';
import { nameKey } from '../model';
import { ident, literal, qualified } from '../sql';
import { dataNode, relNode } from './graph-keys';
import { Phase, plannedStep, type PlannedStep } from './planned-step';
import { must } from '../util';

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

/** Column `i` of a data change (rows hold one value per column, in column order). */
const columnAt = (columns: readonly DataColumn[], i: number): DataColumn => must(columns[i], `data column ${i}`);

/** Value `i` of a row (rows hold one value per column). */
const cellAt = (row: readonly Value[], i: number): Value => must(row[i], `row value ${i}`);

/** `WHERE` condition matching rows by key (several rows: `IN`). */
function keyCondition(columns: readonly DataColumn[], key: readonly string[], rows: readonly (readonly Value[])[]): string {
  const idx = key.map((k) => [k, columns.findIndex((c) => c.name === k)] as const);
  const tuple = (r: readonly Value[]) => idx.map(([, i]) => valueSql(columnAt(columns, i), cellAt(r, i)));
  const [only] = rows;
  if (rows.length === 1 && only) return idx.map(([k, i]) => `${ident(k)} = ${valueSql(columnAt(columns, i), cellAt(only, i))}`).join(' AND ');
  // One key column: `k IN (v, …)`; several: `(k1, k2) IN ((v1, v2), …)`.
  const lhs = key.length === 1 ? key.map(ident).join(', ') : `(${key.map(ident).join(', ')})`;
  return `${lhs} IN (${rows.map((r) => (key.length === 1 ? tuple(r).join(', ') : `(${tuple(r).join(', ')})`)).join(', ')})`;
}

function insertSql(target: string, columns: readonly DataColumn[], rows: readonly (readonly Value[])[], override: boolean): string {
  const values = rows.map((r) => `(${r.map((v, i) => valueSql(columnAt(columns, i), v)).join(', ')})`).join(',\n  ');
  return `INSERT INTO ${target} (${columns.map((c) => ident(c.name)).join(', ')})${override ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES\n  ${values}`;
}

function chunks<T>(xs: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Up to this many changed rows an UPDATE per row (readable); more: one set-based UPDATE per batch. */
const ROW_UPDATES = 20;
/** Rows per set-based UPDATE (its values travel as one JSON document). */
const SET_BATCH = 5000;

/** A dollar-quoted SQL string constant whose tag does not occur in `text`. */
function dollarQuoted(text: string): string {
  let tag = '$sk$';
  for (let n = 0; text.includes(tag); n++) tag = `$sk${n}$`;
  return `${tag}${text}${tag}`;
}

/**
 * A set-based source of rows: `(SELECT r.*, e AS schemakit_e FROM json_array_elements(J) e,
 * json_populate_record(NULL::table, e->'r') r) v`. Plain values are read by the table's own row type (the
 * column types' input functions, so no type names are needed here); lookups keep their natural key in
 * `e->'l'` and are resolved with lookupSql().
 */
function rowsSource(target: string, columns: readonly DataColumn[], rows: readonly (readonly Value[])[]): string {
  const json = JSON.stringify(
    rows.map((row) => {
      const r: Record<string, Value> = {};
      const l: Record<string, Value> = {};
      columns.forEach((c, i) => {
        (c.lookup ? l : r)[c.name] = cellAt(row, i);
      });
      return { r, l };
    }),
  );
  return `(SELECT r.*, e AS schemakit_e FROM json_array_elements(${dollarQuoted(json)}::json) e, json_populate_record(NULL::${target}, e->'r') r) v`;
}

/** Column `col` of the set-based source `v`: the typed value, or the referenced id looked up by natural key. */
function sourceValue(col: DataColumn): string {
  if (!col.lookup) return `v.${ident(col.name)}`;
  const l = col.lookup;
  const ref = qualified(l.schema, l.table);
  const typed = `(json_populate_record(NULL::${ref}, json_build_object(${literal(l.match)}, v.schemakit_e->'l'->>${literal(col.name)}))).${ident(l.match)}`;
  return `(SELECT x.${ident(l.id)} FROM ${ref} x WHERE x.${ident(l.match)} = ${typed})`;
}

/** One UPDATE of many rows by key: the non-key columns set to `pick(row)`'s values. */
function setUpdateSql(target: string, columns: readonly DataColumn[], key: readonly string[], rows: readonly (readonly Value[])[]): string {
  const set = columns.filter((c) => !key.includes(c.name)).map((c) => `${ident(c.name)} = ${sourceValue(c)}`);
  const where = key.map((k) => {
    const c = columns.find((x) => x.name === k)!;
    return `t.${ident(k)} = ${sourceValue(c)}`;
  });
  return `UPDATE ${target} t SET ${set.join(', ')}\nFROM ${rowsSource(target, columns, rows)}\nWHERE ${where.join(' AND ')}`;
}

/** Up to this many rows inserted or deleted: batched `INSERT … VALUES` / `DELETE … IN` (readable); more: set-based statements. */
const ROW_STATEMENTS = 100;

/** `t.k = v.k AND …`: the rows of `t` whose key is a row of the set-based source `v`. */
const keyMatch = (columns: readonly DataColumn[], key: readonly string[]) =>
  key
    .map(
      (k) =>
        `t.${ident(k)} = ${sourceValue(
          must(
            columns.find((x) => x.name === k),
            `key column ${k}`,
          ),
        )}`,
    )
    .join(' AND ');

/** One INSERT of many rows from a JSON document (set-based: the table's row type reads the values). */
function setInsertSql(target: string, columns: readonly DataColumn[], rows: readonly (readonly Value[])[], override: boolean): string {
  return `INSERT INTO ${target} (${columns.map((c) => ident(c.name)).join(', ')})${override ? ' OVERRIDING SYSTEM VALUE' : ''}\nSELECT ${columns.map(sourceValue).join(', ')}\nFROM ${rowsSource(target, columns, rows)}`;
}

/** One DELETE of many rows by key, the keys from a JSON document. */
function setDeleteSql(target: string, columns: readonly DataColumn[], key: readonly string[], rows: readonly (readonly Value[])[]): string {
  const keyColumns = columns.flatMap((c, i) => (key.includes(c.name) ? [[c, i] as const] : []));
  const keys = rows.map((r) => keyColumns.map(([, i]) => cellAt(r, i)));
  return `DELETE FROM ${target} t\nUSING ${rowsSource(
    target,
    keyColumns.map(([c]) => c),
    keys,
  )}\nWHERE ${keyMatch(columns, key)}`;
}

/**
 * Moves the sequence of a serial / identity column past the largest value in the table (never back), so
 * the application's next default value does not collide with an id the data wrote explicitly.
 */
export function advanceSequenceSql(schema: string, table: string, column: string): string {
  const t = qualified(schema, table);
  return `SELECT setval(s, GREATEST(m, pg_sequence_last_value(s::regclass))) FROM (SELECT pg_get_serial_sequence(${literal(t)}, ${literal(column)}) AS s, (SELECT max(${ident(column)}) FROM ${t}) AS m) x WHERE s IS NOT NULL AND m IS NOT NULL`;
}

/**
 * Steps of one reference-data change (more than 100 rows inserted or deleted: set-based statements from a
 * JSON document per 5,000 rows, `INSERT … SELECT` and `DELETE … USING`, with the same reverses; fewer:
 * literal rows): batched INSERTs (reverse: DELETE by key) then, for explicit values
 * of serial / identity columns, their sequences moved past them; UPDATEs of the changed columns (a few
 * rows: one per row; more: one set-based UPDATE per batch from a JSON document; reverse: the old values the
 * same way); batched DELETEs (hazard `deletes-data`; reverse: the deleted rows inserted whole). Writes run
 * after the table's DDL and after the rows they reference; deletes run before the deletes of the rows they
 * reference.
 */
export function planSyncTableData(c: SyncTableData): PlannedStep[] {
  const target = qualified(c.schema, c.table);
  const object = nameKey(c.schema, c.table);
  const raw = (names: readonly string[]): DataColumn[] => names.map((name) => ({ name, lookup: null }));
  const write = {
    object,
    phase: Phase.WriteData,
    creates: [dataNode('data', c.schema, c.table)],
    needs: [relNode(c.schema, c.table), ...c.references.map((r) => dataNode('data', r.schema, r.table))],
  };
  const many = c.rows.length > ROW_STATEMENTS;
  switch (c.action) {
    case 'insert':
      return [
        ...chunks(c.rows, many ? SET_BATCH : BATCH).map((batch) => {
          const values = batch.map((r) => r.values);
          return plannedStep(c, {
            ...write,
            op: '+',
            sql: (many ? setInsertSql : insertSql)(target, c.columns, values, (c.sequences?.length ?? 0) > 0),
            reverse: many ? setDeleteSql(target, c.columns, c.key, values) : `DELETE FROM ${target} WHERE ${keyCondition(c.columns, c.key, values)}`,
          });
        }),
        // Nothing to undo: a sequence left ahead of the rows is harmless.
        ...(c.sequences ?? []).map((col) => plannedStep(c, { ...write, op: '~', sql: advanceSequenceSql(c.schema, c.table, col), reverse: '' })),
      ];
    case 'update':
      if (c.rows.length > ROW_UPDATES) {
        return chunks(c.rows, SET_BATCH).map((batch) =>
          plannedStep(c, {
            ...write,
            op: '~',
            sql: setUpdateSql(
              target,
              c.columns,
              c.key,
              batch.map((r) => r.values),
            ),
            reverse: setUpdateSql(
              target,
              c.columns,
              c.key,
              batch.map((r) => r.before ?? r.values),
            ),
          }),
        );
      }
      return c.rows.map((r) => {
        const changed = c.columns.flatMap((col, i) => (!c.key.includes(col.name) && r.before?.[i] !== r.values[i] ? [i] : []));
        const set = (vals: readonly Value[]) =>
          changed.map((i) => `${ident(columnAt(c.columns, i).name)} = ${valueSql(columnAt(c.columns, i), cellAt(vals, i))}`).join(', ');
        const where = keyCondition(c.columns, c.key, [r.values]);
        return plannedStep(c, {
          ...write,
          op: '~',
          sql: `UPDATE ${target} SET ${set(r.values)} WHERE ${where}`,
          reverse: `UPDATE ${target} SET ${set(r.before ?? r.values)} WHERE ${where}`,
        });
      });
    case 'delete':
      return chunks(c.rows, many ? SET_BATCH : BATCH).map((batch) =>
        plannedStep(c, {
          sql: many
            ? setDeleteSql(
                target,
                c.columns,
                c.key,
                batch.map((r) => r.values),
              )
            : `DELETE FROM ${target} WHERE ${keyCondition(
                c.columns,
                c.key,
                batch.map((r) => r.values),
              )}`,
          reverse: (many ? setInsertSql : insertSql)(
            target,
            raw(c.beforeColumns),
            batch.map((r) => r.before ?? []),
            true,
          ),
          hazards: [{ kind: 'deletes-data', message: `${object}: deletes ${batch.length} row(s) that are not in its CSV file (mode sync)` }],
          object,
          op: '-',
          phase: Phase.DeleteData,
          // A drop of a key is ordered before its create: referencing rows go before the rows they point at.
          creates: [dataNode('data-delete', c.schema, c.table)],
          drops: c.references.map((r) => dataNode('data-delete', r.schema, r.table)),
          needs: [relNode(c.schema, c.table)],
        }),
      );
  }
}
