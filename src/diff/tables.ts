import { generationOf, relKey, tableKey, type Catalog, type Column, type Constraint, type ExpressionUse, type Table } from '../model';
import type { Change } from './changes';
import { commentChanged, matchByKey } from './match';
import { columnPair } from './table-shapes';

/** Attributes of a column that an ALTER COLUMN changes (everything but name and comment). */
export function columnAttributesEqual(a: Column, b: Column): boolean {
  return (
    a.type === b.type &&
    a.notNull === b.notNull &&
    a.default === b.default &&
    a.identity === b.identity &&
    generationOf(a) === generationOf(b) &&
    a.collation === b.collation &&
    JSON.stringify(a.identityOptions ?? null) === JSON.stringify(b.identityOptions ?? null)
  );
}

/**
 * Table and column changes. Constraints of created/dropped tables ride along (non-FK ones inline in the
 * CREATE TABLE); foreign keys always stay separate changes so cycles need no special case.
 */
export function diffTables(from: Catalog, to: Catalog): Change[] {
  const m = matchByKey(from.tables, to.tables, tableKey);
  const out: Change[] = [];
  // A NOT VALID check is added after CREATE TABLE, NOT VALID as the target has it (inline, it would be validated).
  const toInline = inlineConstraintsByTable(to.constraints.filter((c) => !(c.kind === 'Check' && c.notValid === true)));
  const fromInline = inlineConstraintsByTable(from.constraints);
  for (const t of m.added) {
    out.push({ kind: 'CreateTable', table: t, constraints: toInline.get(tableKey(t)) ?? [] });
    out.push(...tableComments(null, t));
  }
  for (const t of m.removed) out.push({ kind: 'DropTable', table: t, constraints: fromInline.get(tableKey(t)) ?? [] });
  for (const [a, b] of m.common) out.push(...diffColumns(...columnPair(a, b, from, to), from.expressionUses ?? []), ...tableComments(a, b));
  return out;
}

/** The columns of its own table a generated column reads (pg_depend, through `Catalog.expressionUses`). */
function generatedReads(uses: readonly ExpressionUse[], t: Table, column: string): string[] {
  const o = uses.find((u) => u.owner.kind === 'generated' && u.owner.schema === t.schema && u.owner.table === t.name && u.owner.column === column);
  return (o?.dependsOn ?? []).flatMap((d) => (d.kind === 'column' && d.schema === t.schema && d.table === t.name ? [d.name] : []));
}

function diffColumns(a: Table, b: Table, uses: readonly ExpressionUse[]): Change[] {
  const m = matchByKey(a.columns, b.columns, (c) => c.name);
  const out: Change[] = [];
  const at = { schema: b.schema, table: b.name };
  for (const c of m.removed) {
    const reads = c.generated === null ? [] : generatedReads(uses, a, c.name);
    out.push({ kind: 'DropColumn', ...at, column: c, ...(reads.length > 0 ? { reads } : {}) });
  }
  for (const c of m.added) out.push({ kind: 'AddColumn', ...at, column: c });
  for (const [x, y] of m.common) {
    if (!columnAttributesEqual(x, y)) out.push({ kind: 'AlterColumn', ...at, from: x, to: y });
  }
  return out;
}

/** Comment changes of a table and its columns (`from` null: a new table). */
function tableComments(a: Table | null, b: Table): Change[] {
  const out: Change[] = [];
  if (a === null ? b.comment !== null : commentChanged(a, b)) {
    out.push({ kind: 'SetComment', target: { kind: 'Table', schema: b.schema, name: b.name }, from: a?.comment ?? null, to: b.comment });
  }
  for (const c of b.columns) {
    const old = a?.columns.find((x) => x.name === c.name);
    const before = old?.comment ?? null;
    if (before !== c.comment) {
      out.push({ kind: 'SetComment', target: { kind: 'Column', schema: b.schema, table: b.name, name: c.name }, from: before, to: c.comment });
    }
  }
  return out;
}

/** Non-FK constraints grouped by `schema.table` (they are created and dropped with their table). */
function inlineConstraintsByTable(constraints: readonly Constraint[]): Map<string, Constraint[]> {
  const out = new Map<string, Constraint[]>();
  for (const c of constraints) {
    if (c.kind === 'ForeignKey') continue;
    const k = relKey({ schema: c.schema, name: c.table });
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}
