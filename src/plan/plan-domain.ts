import type { AlterDomain, CreateDomain, DropDomain } from '../diff';
import { relKey, type Domain } from '../model';
import { alterDomainSql, createDomainSql, dropDomainSql, type DomainAction } from '../sql';
import { collationNeeds, routineCallNeeds, schemaNode, typeNeeds, typeNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import type { Hazard } from './types';
import { restoreComment } from './comment-step';

/** What a domain needs: its schema, base type and collation, and the routines its default and checks call. */
const domainNeeds = (d: Domain) => [schemaNode(d.schema), ...typeNeeds(d.type), ...collationNeeds(d.collation), ...expressionNeeds(d)];
const expressionNeeds = (d: Domain) => [d.default, ...d.checks.map((k) => k.expression)].flatMap(routineCallNeeds);

/** CREATE DOMAIN with its default, NOT NULL and checks; before the columns of its type. */
export function planCreateDomain(c: CreateDomain): PlannedStep[] {
  const d = c.domain;
  return [
    plannedStep(c, {
      sql: createDomainSql(d),
      reverse: dropDomainSql(d),
      object: relKey(d),
      op: '+',
      phase: Phase.Enum,
      creates: [typeNode(d.schema, d.name)],
      needs: domainNeeds(d),
    }),
  ];
}

/** DROP DOMAIN, after the columns of its type are dropped or converted. */
export function planDropDomain(c: DropDomain): PlannedStep[] {
  const d = c.domain;
  const comment = restoreComment({ kind: 'Domain', schema: d.schema, name: d.name }, d.comment);
  return [
    plannedStep(c, {
      sql: dropDomainSql(d),
      reverse: statements(createDomainSql(d), comment),
      object: relKey(d),
      op: '-',
      phase: Phase.DropEnum,
      drops: [typeNode(d.schema, d.name)],
      needs: domainNeeds(d),
    }),
  ];
}

/**
 * ALTER DOMAIN for each changed attribute: checks dropped first (also a changed one, dropped and added
 * again), NOT NULL, default, then checks added. New constraints are validated against every column of the
 * domain's type, so they may fail on existing data.
 */
export function planAlterDomain(c: AlterDomain): PlannedStep[] {
  const { from, to } = c;
  const object = relKey(to);
  const steps: PlannedStep[] = [];
  // Each statement needs the routines its own new expression calls (a drop needs none: it may run before they
  // are created again, as when the domain is rebuilt around them).
  const add = (action: DomainAction, inverse: DomainAction, hazards: Hazard[] = [], expression: string | null = null) =>
    steps.push(
      plannedStep(c, {
        sql: alterDomainSql(to.schema, to.name, action),
        reverse: alterDomainSql(to.schema, to.name, inverse),
        hazards,
        object,
        op: '~',
        phase: Phase.AlterColumn,
        needs: [typeNode(to.schema, to.name), ...routineCallNeeds(expression)],
      }),
    );
  const kept = (k: Domain['checks'][number], other: Domain) => other.checks.some((x) => x.name === k.name && x.expression === k.expression);
  for (const k of from.checks) if (!kept(k, to)) add({ kind: 'DropCheck', name: k.name }, { kind: 'AddCheck', check: k });
  if (from.notNull && !to.notNull) add({ kind: 'DropNotNull' }, { kind: 'SetNotNull' });
  if (from.default !== to.default) {
    add(
      to.default === null ? { kind: 'DropDefault' } : { kind: 'SetDefault', expression: to.default },
      from.default === null ? { kind: 'DropDefault' } : { kind: 'SetDefault', expression: from.default },
      [],
      to.default,
    );
  }
  if (to.notNull && !from.notNull) {
    add({ kind: 'SetNotNull' }, { kind: 'DropNotNull' }, [hazard('may-fail-on-data', object, 'SET NOT NULL fails if a column of the domain holds nulls')]);
  }
  for (const k of to.checks) {
    if (!kept(k, from))
      add(
        { kind: 'AddCheck', check: k },
        { kind: 'DropCheck', name: k.name },
        [hazard('may-fail-on-data', object, `the check ${k.name} fails if a column of the domain holds a value it rejects`)],
        k.expression,
      );
  }
  return steps;
}
