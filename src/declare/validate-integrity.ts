import { nameKey, rowCountOps, type Catalog, type Integrity } from '../model';
import type { Problem } from '../util';

/**
 * Checks natural keys, logical foreign keys, expectations and data checks: tables and columns exist,
 * operators, patterns and value lists are usable, data check names are unique. Each problem names the
 * file:line of its declaration.
 */
export function validateIntegrity(catalog: Catalog, integrity: Integrity | undefined): Problem[] {
  if (!integrity) return [];
  const problems: Problem[] = [];
  const columnsOf = new Map(catalog.tables.map((t) => [nameKey(t.schema, t.name), new Set(t.columns.map((c) => c.name))]));
  const report = (code: string, object: string, message: string, location: string | null): void => {
    problems.push({ code, object, message, ...(location ? { location } : {}) });
  };
  const columns = (schema: string, table: string, cols: readonly string[], what: string, location: string | null): void => {
    const have = columnsOf.get(nameKey(schema, table));
    if (!have) return report('unknown-table', nameKey(schema, table), `${what} is on ${schema}.${table}, which is not a declared table`, location);
    for (const c of cols)
      if (!have.has(c)) report('unknown-column', nameKey(schema, table, c), `${what} names column ${c}, which ${schema}.${table} does not have`, location);
  };
  for (const k of integrity.naturalKeys) {
    columns(k.schema, k.table, k.columns, `naturalKey (${k.columns.join(', ')})`, k.location);
    if (k.columns.length === 0) report('empty-key', nameKey(k.schema, k.table), 'naturalKey names no column', k.location);
    if (new Set(k.columns).size !== k.columns.length)
      report('duplicate-column', nameKey(k.schema, k.table), `naturalKey (${k.columns.join(', ')}) names a column twice`, k.location);
  }
  for (const f of integrity.logicalForeignKeys) {
    columns(f.schema, f.table, f.columns, `logical foreign key ${f.name}`, f.location);
    columns(f.refSchema, f.refTable, f.refColumns, `logical foreign key ${f.name}'s target`, f.location);
    if (f.columns.length !== f.refColumns.length)
      report(
        'invalid-reference',
        nameKey(f.schema, f.table, f.name),
        `logical foreign key ${f.name} has ${f.columns.length} column(s) but references ${f.refColumns.length}`,
        f.location,
      );
  }
  for (const e of integrity.expectations) {
    const object = nameKey(e.schema, e.table);
    switch (e.kind) {
      case 'RowCount':
        columns(e.schema, e.table, [], `expect(${object}).rows`, e.location);
        if (!(rowCountOps as readonly string[]).includes(e.op))
          report('invalid-expectation', object, `expect(${object}).rows: operator "${e.op}" is not one of ${rowCountOps.join(' ')}`, e.location);
        if (!Number.isFinite(e.value)) report('invalid-expectation', object, `expect(${object}).rows: ${String(e.value)} is not a number`, e.location);
        break;
      case 'NoEmptyStrings':
        columns(e.schema, e.table, [e.column], `expect(${object}).noEmptyStrings`, e.location);
        break;
      case 'Matches':
        columns(e.schema, e.table, [e.column], `expect(${object}).matches`, e.location);
        if (e.pattern === '') report('invalid-expectation', object, `expect(${object}).matches(${e.column}): the pattern is empty`, e.location);
        break;
      case 'AcceptedValues':
        columns(e.schema, e.table, [e.column], `expect(${object}).values`, e.location);
        if (e.values.length === 0) report('invalid-expectation', object, `expect(${object}).values(${e.column}): the list of values is empty`, e.location);
        break;
    }
  }
  const names = new Set<string>();
  for (const d of integrity.dataChecks) {
    if (!/^[A-Za-z0-9_.-]+$/.test(d.name)) report('invalid-data-check', d.name, `dataCheck name "${d.name}" must be letters, digits, _ . or -`, d.location);
    if (names.has(d.name)) report('duplicate-data-check', d.name, `dataCheck ${d.name} is declared twice`, d.location);
    names.add(d.name);
    if (d.sql.trim() === '') report('invalid-data-check', d.name, `dataCheck ${d.name} has no SQL`, d.location);
  }
  return problems;
}
