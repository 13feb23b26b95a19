import type { AlterCompositeType, CreateCompositeType, DropCompositeType } from '../diff';
import { relKey, type CompositeType } from '../model';
import { alterCompositeTypeSql, createCompositeTypeSql, dropCompositeTypeSql, type AttributeAction } from '../sql';
import { collationNeeds, schemaNode, typeNeeds, typeNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import type { Hazard } from './types';
import { restoreComment } from './comment-step';

const compositeNeeds = (t: CompositeType) => [schemaNode(t.schema), ...t.attributes.flatMap((a) => [...typeNeeds(a.type), ...collationNeeds(a.collation)])];

/** CREATE TYPE … AS (…), after the types of its attributes and before the columns of its type. */
export function planCreateCompositeType(c: CreateCompositeType): PlannedStep[] {
  const t = c.type;
  return [
    plannedStep(c, {
      sql: createCompositeTypeSql(t),
      reverse: dropCompositeTypeSql(t),
      object: relKey(t),
      op: '+',
      phase: Phase.Enum,
      creates: [typeNode(t.schema, t.name)],
      needs: compositeNeeds(t),
    }),
  ];
}

/** DROP TYPE, after the columns of its type are dropped or converted. */
export function planDropCompositeType(c: DropCompositeType): PlannedStep[] {
  const t = c.type;
  const comment = restoreComment({ kind: 'CompositeType', schema: t.schema, name: t.name }, t.comment);
  return [
    plannedStep(c, {
      sql: dropCompositeTypeSql(t),
      reverse: statements(createCompositeTypeSql(t), comment),
      object: relKey(t),
      op: '-',
      phase: Phase.DropEnum,
      drops: [typeNode(t.schema, t.name)],
      needs: compositeNeeds(t),
    }),
  ];
}

/**
 * ALTER TYPE … DROP / ALTER … SET DATA TYPE / ADD ATTRIBUTE, matched by name. Postgres appends added
 * attributes, so the diff recreates the type instead when the target order cannot be reached that way.
 * Dropping an attribute loses its values in stored rows; retyping is refused while a table column uses
 * the type (Postgres would need CASCADE, which rewrites those tables).
 */
export function planAlterCompositeType(c: AlterCompositeType): PlannedStep[] {
  const { from, to } = c;
  const object = relKey(to);
  const steps: PlannedStep[] = [];
  const needs = [typeNode(to.schema, to.name), ...compositeNeeds(from), ...compositeNeeds(to)];
  const add = (action: AttributeAction, inverse: AttributeAction, hazards: Hazard[] = []) =>
    steps.push(
      plannedStep(c, {
        sql: alterCompositeTypeSql(to.schema, to.name, action),
        reverse: alterCompositeTypeSql(to.schema, to.name, inverse),
        hazards,
        object,
        op: '~',
        phase: Phase.AlterColumn,
        needs,
      }),
    );
  for (const a of from.attributes) {
    const b = to.attributes.find((x) => x.name === a.name);
    if (b === undefined)
      add({ kind: 'Drop', name: a.name }, { kind: 'Add', attribute: a }, [
        hazard('deletes-data', `${object}.${a.name}`, 'values of the attribute stored in columns of the type are lost'),
      ]);
    else if (a.type !== b.type || a.collation !== b.collation) {
      add({ kind: 'SetType', attribute: b }, { kind: 'SetType', attribute: a }, [
        hazard('may-fail-on-data', `${object}.${a.name}`, 'refused while a table column uses the type'),
      ]);
    }
  }
  for (const b of to.attributes) if (!from.attributes.some((a) => a.name === b.name)) add({ kind: 'Add', attribute: b }, { kind: 'Drop', name: b.name });
  return steps;
}
