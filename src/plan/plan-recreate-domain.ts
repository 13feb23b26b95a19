import type { RecreateCompositeType, RecreateDomain } from '../diff';
import { columnKey, relKey, type Domain } from '../model';
import {
  alterColumnSql,
  alterDomainSql,
  createCompositeTypeSql,
  createDomainSql,
  dropCompositeTypeSql,
  dropDomainSql,
  enumTempName,
  ident,
  qualified,
  renameTypeSql,
} from '../sql';
import { hazard, type PlannedStep } from './planned-step';
import { asideSql, recreateTypeSteps, type TypeUse } from './recreate-type-steps';
import type { Hazard } from './types';

/** The old domain as it reads once renamed aside: its name and the types of `within` are the temporary ones. */
function domainAside(d: Domain, within: RecreateDomain['within'] = []): Domain {
  const x = (sql: string) => asideSql(sql, within);
  return {
    ...d,
    name: enumTempName(d.name),
    type: x(d.type),
    default: d.default === null ? null : x(d.default),
    checks: d.checks.map((k) => ({ ...k, expression: x(k.expression) })),
  };
}

/** The hazards of converting a column to a recreated type. */
function conversionHazards(x: TypeUse, why: string, fails: string): Hazard[] {
  const at = columnKey(x.schema, x.table, x.column.name);
  return [
    hazard('table-rewrite', at, `converting the column to ${why} rewrites the table`),
    hazard('access-exclusive-lock', at, 'the table is locked (ACCESS EXCLUSIVE) while it is rewritten'),
    hazard('may-fail-on-data', at, fails),
  ];
}

/**
 * A domain in use whose base type or collation changes, or whose base type the plan recreates: the
 * columns' defaults are dropped, the domain renamed aside, the new one created, each column converted
 * (a rewrite that fails on values the new domain rejects) through the new base type, or through text
 * when its base type is itself recreated (no cast joins the old and new type), the old domain dropped
 * (before the types it reads) and the defaults set again.
 */
export function planRecreateDomain(c: RecreateDomain): PlannedStep[] {
  const { from, to } = c;
  const within = c.within ?? [];
  const old = domainAside(from, within);
  const [newType, oldType] = [qualified(to.schema, to.name), qualified(from.schema, old.name)];
  const r = recreateTypeSteps(c, to, c.columns, within);
  const steps: PlannedStep[] = r.dropDefaults();
  steps.push(
    r.renameAside({
      sql: alterDomainSql(from.schema, from.name, { kind: 'Rename', to: old.name }),
      reverse: alterDomainSql(from.schema, old.name, { kind: 'Rename', to: from.name }),
    }),
  );
  steps.push(r.createNew({ sql: createDomainSql(to), reverse: dropDomainSql(to) }));
  const why = `the recreated domain ${relKey(to)} (${within.length > 0 ? `it reads ${within.map(relKey).join(', ')}, recreated too` : `${from.type} → ${to.type}`})`;
  const fails = `existing values may not convert to ${to.type} or pass the domain's checks`;
  for (const x of c.columns) {
    const arr = x.column.type.endsWith('[]') ? '[]' : '';
    const col = ident(x.column.name);
    const [via, back] = within.length > 0 ? ['text', 'text'] : [`${to.type}${arr}`, `${from.type}${arr}`];
    steps.push(
      r.convert(x, conversionHazards(x, why, fails), {
        sql: alterColumnSql(x.schema, x.table, x.column.name, {
          kind: 'SetType',
          type: `${newType}${arr}`,
          collation: null,
          using: `${col}::${via}::${newType}${arr}`,
        }),
        reverse: alterColumnSql(x.schema, x.table, x.column.name, {
          kind: 'SetType',
          type: `${oldType}${arr}`,
          collation: null,
          using: `${col}::${back}::${oldType}${arr}`,
        }),
      }),
    );
  }
  steps.push(r.dropOld(dropDomainSql(old), createDomainSql(old), from, 'Domain'));
  steps.push(...r.setDefaults((col) => col.default));
  return steps;
}

/**
 * A composite type whose attribute types the plan recreates: the columns' defaults are dropped, the type
 * renamed aside, the new one created over the new attribute types, each column converted through text
 * (the record's text form), the old type dropped before the types it reads, the defaults set again.
 */
export function planRecreateCompositeType(c: RecreateCompositeType): PlannedStep[] {
  const { from, to, within } = c;
  const tmp = enumTempName(from.name);
  const old = { ...from, name: tmp, attributes: from.attributes.map((a) => ({ ...a, type: asideSql(a.type, within) })) };
  const [newType, oldType] = [qualified(to.schema, to.name), qualified(from.schema, tmp)];
  const r = recreateTypeSteps(c, to, c.columns, within);
  const steps: PlannedStep[] = r.dropDefaults();
  steps.push(r.renameAside({ sql: renameTypeSql(from.schema, from.name, tmp), reverse: renameTypeSql(from.schema, tmp, from.name) }));
  steps.push(r.createNew({ sql: createCompositeTypeSql(to), reverse: dropCompositeTypeSql(to) }));
  const why = `the recreated composite type ${relKey(to)} (it reads ${within.map(relKey).join(', ')}, recreated too)`;
  for (const x of c.columns) {
    const arr = x.column.type.endsWith('[]') ? '[]' : '';
    const col = ident(x.column.name);
    steps.push(
      r.convert(x, conversionHazards(x, why, `the conversion fails if a stored value does not convert to ${relKey(to)}`), {
        sql: alterColumnSql(x.schema, x.table, x.column.name, {
          kind: 'SetType',
          type: `${newType}${arr}`,
          collation: null,
          using: `${col}::text::${newType}${arr}`,
        }),
        reverse: alterColumnSql(x.schema, x.table, x.column.name, {
          kind: 'SetType',
          type: `${oldType}${arr}`,
          collation: null,
          using: `${col}::text::${oldType}${arr}`,
        }),
      }),
    );
  }
  steps.push(r.dropOld(dropCompositeTypeSql(old), createCompositeTypeSql(old), from, 'CompositeType'));
  steps.push(...r.setDefaults((col) => col.default));
  return steps;
}
