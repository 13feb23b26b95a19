import type { Db } from '../db';
import type { Catalog, ForeignKey } from '../model';
import { ident, qualified } from '../sql';
import { must, type Problem } from '../util';
import { stagedColumn, stageRows, withBulkSettings } from './stage-rows';
import type { MappedTable } from './reference-tables';
import type { ValidTable } from './validate-rows';

/** One value check of a table's rows: its CSV columns `idx` must match `columns` of `schema.table`. */
interface RefCheck {
  readonly idx: readonly number[];
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly what: string;
}

/** The foreign keys and lookups of a mapped table whose columns are all in its CSV. */
function checksOf(catalog: Catalog, m: MappedTable): RefCheck[] {
  const fks = catalog.constraints.filter((c): c is ForeignKey => c.kind === 'ForeignKey' && c.schema === m.table.schema && c.table === m.table.name);
  const checks: RefCheck[] = [];
  for (const fk of fks) {
    const idx = fk.columns.map((c) => m.columns.findIndex((x) => x.name === c && x.lookup === null));
    if (idx.every((i) => i >= 0)) checks.push({ idx, schema: fk.refSchema, table: fk.refTable, columns: fk.refColumns, what: `FOREIGN KEY ${fk.name}` });
  }
  m.columns.forEach((c, i) => {
    if (c.lookup) checks.push({ idx: [i], schema: c.lookup.schema, table: c.lookup.table, columns: [c.lookup.match], what: `lookup of ${c.lookup.schema}.${c.lookup.table}.${c.lookup.match}` });
  });
  return checks;
}

/** The referenced tables of `checks` that exist in the target (as `qualified` names), read in one query. */
async function existingTables(target: Db, checks: readonly RefCheck[]): Promise<Set<string>> {
  const names = [...new Set(checks.map((ch) => qualified(ch.schema, ch.table)))];
  if (names.length === 0) return new Set();
  const rows = await target.query<{ name: string }>('SELECT name FROM unnest($1::text[]) AS name WHERE pg_catalog.to_regclass(name) IS NOT NULL', [names]);
  return new Set(rows.map((r) => r.name));
}

/**
 * Foreign keys of the validated tables: values must exist among the referenced table's CSV rows (when it
 * is a reference table) plus, unless that table is synced, its rows in the target database. Set-based:
 * the rows involved are staged in temporary tables of the target's session (stageRows), and each check is
 * one anti-join returning only the values not found; values compare as Postgres's canonical text.
 */
export async function validateForeignKeys(target: Db, catalog: Catalog, tables: readonly ValidTable[], problems: Problem[], unreadable: ReadonlySet<string> = new Set()): Promise<void> {
  const byName = new Map(tables.map((t) => [JSON.stringify([t.mapped.table.schema, t.mapped.table.name]), t]));
  const present = await existingTables(target, tables.flatMap((t) => checksOf(catalog, t.mapped)));
  const stages = new Map<ValidTable, Awaited<ReturnType<typeof stageRows>>>();
  const stage = async (t: ValidTable) => {
    if (!stages.has(t)) stages.set(t, await stageRows(target, t));
    return stages.get(t)!.name;
  };
  try {
    for (const t of tables) {
      const m = t.mapped;
      for (const ch of checksOf(catalog, m)) {
        // A reference file whose header could not be read: its own problems say why; its rows are not known.
        if (unreadable.has(JSON.stringify([ch.schema, ch.table]))) continue;
        const sources: string[] = [];
        const ref = byName.get(JSON.stringify([ch.schema, ch.table]));
        const refIdx = ref ? ch.columns.map((c) => ref.mapped.columns.findIndex((x) => x.name === c && x.lookup === null)) : [];
        const on = (other: (n: number) => string) => ch.idx.map((i, n) => `${other(n)} = s.${stagedColumn(i)}`).join(' AND ');
        if (ref && refIdx.every((i) => i >= 0)) sources.push(`SELECT 1 FROM ${await stage(ref)} r WHERE ${on((n) => `r.${stagedColumn(refIdx[n] ?? -1)}`)}`);
        if ((!ref || ref.mapped.ref.mode !== 'sync') && present.has(qualified(ch.schema, ch.table))) {
          sources.push(`SELECT 1 FROM ${qualified(ch.schema, ch.table)} x WHERE ${on((n) => `x.${ident(ch.columns[n] ?? '')}::text`)}`);
        }
        const rows = await withBulkSettings(target, async () =>
          target.query<{ line: number; v: (string | null)[] }>(
          `SELECT s.line, ARRAY[${ch.idx.map((i) => `s.${stagedColumn(i)}`).join(', ')}]::text[] AS v FROM ${await stage(t)} s
            WHERE ${ch.idx.map((i) => `s.${stagedColumn(i)} IS NOT NULL`).join(' AND ')}${sources.map((q) => ` AND NOT EXISTS (${q})`).join('')} ORDER BY s.line`,
        ));
        // A value whose row in the referenced file was rejected is that row's problem, not a missing row.
        const rejected = new Map(ref && refIdx.every((i) => i >= 0) ? (ref.rejected ?? []).map((x) => [JSON.stringify(refIdx.map((i) => x.fields[i] ?? null)), x.line]) : []);
        for (const r of rows) {
          const values = r.v.map((v) => JSON.stringify(v)).join(', ');
          const invalid = rejected.get(JSON.stringify(r.v));
          problems.push({
            code: invalid === undefined ? 'data-foreign-key' : 'data-foreign-key-invalid-row',
            location: `${m.ref.file}:${r.line}:${(ch.idx[0] ?? 0) + 1}`,
            object: `column "${headerName(m, ch.idx[0] ?? 0)}"`,
            message:
              invalid === undefined
                ? `${values} not found in ${ch.schema}.${ch.table} (${ch.columns.join(', ')}) (${ch.what})`
                : `${values} refers to the row on ${ref?.mapped.ref.file}:${invalid}, which is invalid (its problem is reported there) (${ch.what})`,
          });
        }
      }
    }
  } finally {
    for (const s of stages.values()) await s.drop().catch(() => undefined);
  }
}

const headerName = (m: MappedTable, i: number) => {
  const c = must(m.columns[i], `column ${i}`);
  return m.ref.spec?.lookups.find((l) => l.column === c.name && c.lookup)?.csvColumn ?? c.name;
};
