import { constraintKey, relKey, type Catalog, type Constraint, type Index } from '../model';
import { deepEqual } from '../util';
import type { Change } from './changes';
import { fkColumnTypesDiverge } from './fk-column-types';
import { matchByKey } from './match';

/** Sets of `schema.table` created and dropped by the table diff. */
export interface TableFate {
  readonly created: ReadonlySet<string>;
  readonly dropped: ReadonlySet<string>;
}

const isNotValid = (c: Constraint): boolean => (c.kind === 'Check' || c.kind === 'ForeignKey') && c.notValid === true;

/** The constraint with its validity left out (CREATE TABLE validates what a declaration says NOT VALID). */
function withoutNotValid(c: Constraint): Constraint {
  if (c.kind !== 'Check' && c.kind !== 'ForeignKey') return c;
  const { notValid: _ignored, ...rest } = c;
  return rest;
}

/** The comment of the index backing a key (PK, UNIQUE, EXCLUDE), or null. */
const indexCommentOf = (c: Constraint): string | null => ('indexComment' in c ? (c.indexComment ?? null) : null);

/** The constraint without its index's comment (set in place by COMMENT ON INDEX, no rebuild). */
function withoutIndexComment(c: Constraint): Constraint {
  if (!('indexComment' in c)) return c;
  const { indexComment: _ignored, ...rest } = c;
  return rest;
}

/**
 * The COMMENT ON steps that bring constraint `b` (added, or kept from `a`) to its declared comments: its own, and
 * for a key the one on the index that backs it (`COMMENT ON INDEX`, named as the constraint).
 */
export function constraintCommentChanges(b: Constraint, a?: Constraint): Change[] {
  const out: Change[] = [];
  const [comment, index] = [a?.comment ?? null, a === undefined ? null : indexCommentOf(a)];
  if (comment !== b.comment)
    out.push({ kind: 'SetComment', target: { kind: 'Constraint', schema: b.schema, table: b.table, name: b.name }, from: comment, to: b.comment });
  if (index !== indexCommentOf(b))
    out.push({ kind: 'SetComment', target: { kind: 'Index', schema: b.schema, name: b.name }, from: index, to: indexCommentOf(b) });
  return out;
}

/**
 * Constraint changes. A constraint whose definition changed is dropped and added again (Postgres has no
 * ALTER for definitions). Non-FK constraints of created/dropped tables are part of CREATE/DROP TABLE. A
 * foreign key that stays the same is still rebuilt when the key it references is dropped, since Postgres
 * refuses to drop a PK/UNIQUE that a foreign key depends on.
 */
export function diffConstraints(from: Catalog, to: Catalog, fate: TableFate): Change[] {
  const m = matchByKey(from.constraints, to.constraints, constraintKey);
  const out: Change[] = [];
  const ridesWithTable = (c: Constraint, tables: ReadonlySet<string>) => c.kind !== 'ForeignKey' && tables.has(relKey({ schema: c.schema, name: c.table }));
  const droppedKeys: Constraint[] = [];
  const drops: Constraint[] = [];
  const adds: Constraint[] = [];
  for (const c of m.removed) {
    if (ridesWithTable(c, fate.dropped)) {
      if (c.kind === 'PrimaryKey' || c.kind === 'Unique') droppedKeys.push(c);
      continue;
    }
    drops.push(c);
  }
  // A NOT VALID check of a new table is added after it, NOT VALID (see diffTables).
  const addedWithTable = (c: Constraint) => ridesWithTable(c, fate.created) && !isNotValid(c);
  for (const c of m.added) if (!addedWithTable(c)) adds.push(c);
  const unchanged: [Constraint, Constraint][] = [];
  for (const [a, b] of m.common) {
    // A NOT VALID constraint declared valid is validated in place; a validated one declared NOT VALID is added
    // again NOT VALID (no scan, new rows still checked), so the database lands on the declared state.
    if (!deepEqual(withoutIndexComment(withoutNotValid(a)), withoutIndexComment(withoutNotValid(b)), 'comment') || (!isNotValid(a) && isNotValid(b))) {
      drops.push(a);
      adds.push(b);
    } else {
      if (isNotValid(a) && !isNotValid(b)) out.push({ kind: 'ValidateConstraint', constraint: b });
      unchanged.push([a, b]);
    }
  }
  for (const c of drops) if (c.kind === 'PrimaryKey' || c.kind === 'Unique') droppedKeys.push(c);
  // Foreign keys that depend on a dropped PK/UNIQUE are rebuilt around it, and those whose columns on both
  // sides change to types that do not compare (see fkColumnTypesDiverge) around the column changes.
  for (const [a, b] of unchanged) {
    if (a.kind === 'ForeignKey' && (droppedKeys.some((k) => referencesKey(a, k)) || fkColumnTypesDiverge(a, from, to))) {
      drops.push(a);
      adds.push(b);
    } else {
      out.push(...constraintCommentChanges(b, a));
    }
  }
  for (const c of drops) out.push({ kind: 'DropConstraint', constraint: c });
  for (const c of adds) out.push({ kind: 'AddConstraint', constraint: c }, ...constraintCommentChanges(c));
  // Comments on constraints created inline with a new table.
  for (const c of m.added) if (addedWithTable(c)) out.push(...constraintCommentChanges(c));
  return out;
}

/** The columns of a key a foreign key can reference: a PK or UNIQUE, or a plain unique index (no predicate, no expression). */
function keyColumns(k: Constraint | Index): readonly string[] | null {
  if (k.kind === 'PrimaryKey' || k.kind === 'Unique') return k.columns;
  if (k.kind !== 'Index' || !k.unique || k.where !== null || k.keys.some((x) => x.column === null)) return null;
  return k.keys.map((x) => x.column ?? '');
}

/** True when `fk` references the key `key` (the same columns, in any order: Postgres binds it to that key). */
export function referencesKey(fk: Constraint & { kind: 'ForeignKey' }, key: Constraint | Index): boolean {
  const columns = keyColumns(key);
  if (columns === null || fk.refSchema !== key.schema || fk.refTable !== key.table) return false;
  return fk.refColumns.length === columns.length && fk.refColumns.every((c) => columns.includes(c));
}
