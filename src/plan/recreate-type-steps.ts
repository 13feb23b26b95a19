import { renameQualifiedInSql, type Change, type TypeRef } from '../diff';
import { relKey, type Column } from '../model';
import { alterColumnSql, enumTempName, type ColumnAction } from '../sql';
import { restoreComment } from './comment-step';
import { columnNode, columnTypeNode, relNode, typeNode, typeShapeNode } from './graph-keys';
import { tableLock } from './locks';
import { Phase, plannedStep, statements, type PlannedStep, type StepSpec } from './planned-step';
import type { Hazard } from './types';

/** A column using a type that is recreated (renamed aside, created anew, the column converted). */
export interface TypeUse {
  readonly schema: string;
  readonly table: string;
  readonly column: Column;
}

/** Graph key of a type while it is renamed aside (`name__schemakit_old`), which its drop removes. */
const asideNode = (t: TypeRef) => typeNode(t.schema, enumTempName(t.name));

/** A type name or expression of an old definition with the types recreated aside in the same plan named by their temporary names. */
export function asideSql(sql: string, within: readonly TypeRef[]): string {
  return within.reduce((s, w) => renameQualifiedInSql(s, w.schema, w.name, enumTempName(w.name)), sql);
}

type Sql = Pick<StepSpec, 'sql' | 'reverse'>;

/**
 * What the steps of a type recreated aside (enum, domain, composite) share: the spec base, and the steps
 * renaming it aside, creating the new one (after the new types of `within`, which it reads), converting a
 * column (a rewrite under ACCESS EXCLUSIVE), dropping the old one (before the old types of `within`, which
 * it reads), dropping the columns' defaults before (they name the old type) and setting them again after
 * (`expression` gives the new default, or null to leave it to the diff). Views, routines and table
 * expressions reading the type are ordered around its shape key (dropped before the rename, created after).
 */
export function recreateTypeSteps(c: Change, to: TypeRef, uses: readonly TypeUse[], within: readonly TypeRef[] = []) {
  const needs = [typeNode(to.schema, to.name)];
  const shape = [typeShapeNode(to.schema, to.name)];
  const base = { object: relKey(to), op: '~' as const, phase: Phase.Enum, needs };
  const onColumn = (x: TypeUse) => [...needs, relNode(x.schema, x.table), columnNode(x.schema, x.table, x.column.name)];
  const step = (x: TypeUse, s: Sql) => plannedStep(c, { ...base, needs: onColumn(x), ...s });
  const alter = (x: TypeUse, a: ColumnAction) => alterColumnSql(x.schema, x.table, x.column.name, a);
  const dropDefaults = (): PlannedStep[] =>
    uses
      .filter((x) => x.column.default !== null)
      .map((x) =>
        step(x, {
          sql: alter(x, { kind: 'DropDefault' }),
          reverse: alter(x, { kind: 'SetDefault', expression: x.column.default! }),
        }),
      );
  const setDefaults = (expression: (col: Column) => string | null): PlannedStep[] =>
    uses.flatMap((x) => {
      const e = expression(x.column);
      return e === null ? [] : [step(x, { sql: alter(x, { kind: 'SetDefault', expression: e }), reverse: alter(x, { kind: 'DropDefault' }) })];
    });
  const renameAside = (s: Sql) => plannedStep(c, { ...base, ...s, drops: shape });
  const createNew = (s: Sql) => plannedStep(c, { ...base, ...s, creates: shape, needs: [...needs, ...within.map((w) => typeShapeNode(w.schema, w.name))] });
  // The old type's comment goes with it: the reverse, creating it again aside, sets it again.
  const dropOld = (
    sql: string,
    create: string,
    old: TypeRef & { comment: string | null },
    kind: 'Enum' | 'Domain' | 'CompositeType' | 'RangeType',
  ): PlannedStep => {
    const comment = restoreComment({ kind, schema: old.schema, name: enumTempName(old.name) }, old.comment);
    return { ...plannedStep(c, { ...base, sql, reverse: statements(create, comment), drops: [asideNode(old)] }), precedes: within.map(asideNode) };
  };
  const convert = (x: TypeUse, hazards: readonly Hazard[], s: Sql): PlannedStep => {
    const columnType = [columnTypeNode(x.schema, x.table, x.column.name, 'enum')];
    return plannedStep(c, {
      ...base,
      ...s,
      needs: onColumn(x),
      hazards,
      drops: columnType,
      creates: columnType,
      locks: tableLock(null, x.schema, x.table, 'ACCESS EXCLUSIVE', { rewrite: true }),
    });
  };
  return { base, onColumn, dropDefaults, setDefaults, renameAside, createNew, dropOld, convert };
}
