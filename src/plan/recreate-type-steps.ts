import type { Change } from '../diff';
import { relKey, type Column } from '../model';
import { alterColumnSql } from '../sql';
import { columnNode, relNode, typeNode } from './graph-keys';
import { Phase, plannedStep, type PlannedStep, type StepSpec } from './planned-step';

/** A column using a type that is recreated (renamed aside, created anew, the column converted). */
export interface TypeUse {
  readonly schema: string;
  readonly table: string;
  readonly column: Column;
}

/**
 * What the steps of a type recreated aside (enum, domain) share: their spec base, the keys a step on one of
 * its columns needs, and the steps dropping the columns' defaults before (they name the old type) and
 * setting them again after (`expression` gives the new default, or null to leave it to the diff).
 */
export function recreateTypeSteps(c: Change, to: { schema: string; name: string }, uses: readonly TypeUse[]) {
  const needs = [typeNode(to.schema, to.name)];
  const base = { object: relKey(to), op: '~' as const, phase: Phase.Enum, needs };
  const onColumn = (x: TypeUse) => [...needs, relNode(x.schema, x.table), columnNode(x.schema, x.table, x.column.name)];
  const step = (x: TypeUse, s: Pick<StepSpec, 'sql' | 'reverse'>) => plannedStep(c, { ...base, needs: onColumn(x), ...s });
  const dropDefaults = (): PlannedStep[] => uses.filter((x) => x.column.default !== null).map((x) => step(x, {
    sql: alterColumnSql(x.schema, x.table, x.column.name, { kind: 'DropDefault' }),
    reverse: alterColumnSql(x.schema, x.table, x.column.name, { kind: 'SetDefault', expression: x.column.default! }),
  }));
  const setDefaults = (expression: (col: Column) => string | null): PlannedStep[] => uses.flatMap((x) => {
    const e = expression(x.column);
    return e === null ? [] : [step(x, {
      sql: alterColumnSql(x.schema, x.table, x.column.name, { kind: 'SetDefault', expression: e }),
      reverse: alterColumnSql(x.schema, x.table, x.column.name, { kind: 'DropDefault' }),
    })];
  });
  return { base, onColumn, dropDefaults, setDefaults };
}
