import type { AlterColumn } from '../diff';
import { columnKey, type Check } from '../model';
import { addConstraintNotValidSql, alterColumnSql, dropConstraintSql, ident, validateConstraintSql } from '../sql';
import type { PlanContext } from './context';
import { tableLock } from './locks';
import { hazard, Phase, plannedStep, type PlannedStep } from './planned-step';

/** Postgres truncates identifiers to 63 bytes (NAMEDATALEN - 1). */
const MAX_NAME_BYTES = 63;

/** The temporary check's name: `schemakit_nn_<table>_<column>`, cut to 63 bytes. */
function checkName(table: string, column: string): string {
  let name = `schemakit_nn_${table}_${column}`;
  while (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) name = name.slice(0, -1);
  return name;
}

/**
 * SET NOT NULL on a table in use. Plain SET NOT NULL scans the whole table under ACCESS EXCLUSIVE; since
 * PostgreSQL 12 it skips the scan when a valid `CHECK (col IS NOT NULL)` proves it. So: add that check NOT
 * VALID (a brief lock), VALIDATE it on its own (SHARE UPDATE EXCLUSIVE: reads and writes go on), SET NOT NULL
 * (brief, no scan), and drop the check again.
 */
export function planSetNotNullOnline(c: AlterColumn, ctx: PlanContext, needs: readonly string[]): PlannedStep[] {
  const { schema, table } = c;
  const column = c.to.name;
  const object = columnKey(schema, table, column);
  const check: Check = {
    kind: 'Check',
    schema,
    table,
    name: checkName(table, column),
    expression: `${ident(column)} IS NOT NULL`,
    noInherit: false,
    deferrable: false,
    initiallyDeferred: false,
    comment: null,
  };
  const base = { object, op: '~' as const, needs };
  const brief = tableLock(ctx, schema, table, 'ACCESS EXCLUSIVE');
  return [
    plannedStep(c, { ...base, phase: Phase.AlterColumn, sql: addConstraintNotValidSql(check), reverse: dropConstraintSql(check), locks: brief }),
    plannedStep(c, {
      ...base,
      phase: Phase.Online,
      transactional: false,
      sql: validateConstraintSql(check),
      reverse: '',
      hazards: [hazard('may-fail-on-data', object, 'SET NOT NULL fails if the column holds nulls (validating the check finds them first)')],
      locks: tableLock(ctx, schema, table, 'SHARE UPDATE EXCLUSIVE', { scan: true }),
    }),
    plannedStep(c, {
      ...base,
      phase: Phase.Online,
      sql: alterColumnSql(schema, table, column, { kind: 'SetNotNull' }),
      reverse: alterColumnSql(schema, table, column, { kind: 'DropNotNull' }),
      locks: brief,
    }),
    plannedStep(c, { ...base, phase: Phase.Online, sql: dropConstraintSql(check), reverse: addConstraintNotValidSql(check), locks: brief }),
  ];
}
