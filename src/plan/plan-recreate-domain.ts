import type { RecreateDomain } from '../diff';
import { columnKey, relKey } from '../model';
import { alterColumnSql, alterDomainSql, createDomainSql, dropDomainSql, enumTempName, ident, qualified } from '../sql';
import { hazard, plannedStep, type PlannedStep } from './planned-step';
import { recreateTypeSteps } from './recreate-type-steps';

/**
 * A domain in use whose base type or collation changes: the columns' defaults are dropped, the domain renamed
 * aside, the new one created, each column converted through the new base type (a rewrite that fails on
 * values the new domain rejects), the old domain dropped and the defaults set again.
 */
export function planRecreateDomain(c: RecreateDomain): PlannedStep[] {
  const { from, to } = c;
  const object = relKey(to);
  const tmp = enumTempName(from.name);
  const [newType, oldType] = [qualified(to.schema, to.name), qualified(from.schema, tmp)];
  const { base, onColumn, dropDefaults, setDefaults } = recreateTypeSteps(c, to, c.columns);
  const steps: PlannedStep[] = dropDefaults();
  steps.push(plannedStep(c, { ...base, sql: alterDomainSql(from.schema, from.name, { kind: 'Rename', to: tmp }), reverse: alterDomainSql(from.schema, tmp, { kind: 'Rename', to: from.name }) }));
  steps.push(plannedStep(c, { ...base, sql: createDomainSql(to), reverse: dropDomainSql(to) }));
  for (const x of c.columns) {
    const at = columnKey(x.schema, x.table, x.column.name);
    const arr = x.column.type.endsWith('[]') ? '[]' : '';
    const col = ident(x.column.name);
    steps.push(plannedStep(c, {
      ...base, needs: onColumn(x),
      hazards: [
        hazard('table-rewrite', at, `converting the column to the recreated domain ${object} (${from.type} → ${to.type}) rewrites the table`),
        hazard('access-exclusive-lock', at, 'the table is locked (ACCESS EXCLUSIVE) while it is rewritten'),
        hazard('may-fail-on-data', at, `existing values may not convert to ${to.type} or pass the domain's checks`),
      ],
      sql: alterColumnSql(x.schema, x.table, x.column.name, { kind: 'SetType', type: `${newType}${arr}`, collation: null, using: `${col}::${to.type}${arr}::${newType}${arr}` }),
      reverse: alterColumnSql(x.schema, x.table, x.column.name, { kind: 'SetType', type: `${oldType}${arr}`, collation: null, using: `${col}::${from.type}${arr}::${oldType}${arr}` }),
    }));
  }
  steps.push(plannedStep(c, { ...base, sql: dropDomainSql({ schema: from.schema, name: tmp }), reverse: createDomainSql({ ...from, name: tmp }) }));
  steps.push(...setDefaults((col) => col.default));
  return steps;
}
