import type { CreateRangeType, DropRangeType } from '../diff';
import { rangeConstructors, relKey, type RangeType } from '../model';
import { createRangeTypeSql, dropRangeTypeSql, qualified } from '../sql';
import { restoreComment } from './comment-step';
import { collationNeeds, routineNode, schemaNode, typeNeeds, typeNode, userTypeOf } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

/** The range type, its multirange type and their constructors: columns, views and routines name any of them. */
const nodes = (r: RangeType) => [
  typeNode(r.schema, r.name),
  typeNode(r.multirangeSchema, r.multirangeName),
  ...rangeConstructors(r, qualified(r.schema, r.name)).map(([schema, name, args]) => routineNode(schema, name, args)),
];

/**
 * What a range type needs: its subtype, collation and a user SUBTYPE_DIFF function, which takes two values of
 * the subtype (a CANONICAL function needs a shell type first: not ordered here). The opclass is not tracked.
 */
function needs(r: RangeType): string[] {
  const diff = r.subtypeDiff === null ? null : userTypeOf(r.subtypeDiff);
  return [
    schemaNode(r.schema),
    ...typeNeeds(r.subtype),
    ...collationNeeds(r.collation),
    ...(diff === null ? [] : [routineNode(diff.schema, diff.name, `${r.subtype}, ${r.subtype}`)]),
  ];
}

/** CREATE TYPE … AS RANGE, before the columns, views and routines using it or its multirange type. */
export function planCreateRangeType(c: CreateRangeType): PlannedStep[] {
  const r = c.rangeType;
  return [
    plannedStep(c, {
      sql: createRangeTypeSql(r),
      reverse: dropRangeTypeSql(r),
      object: relKey(r),
      op: '+',
      phase: Phase.Enum,
      creates: nodes(r),
      needs: needs(r),
    }),
  ];
}

/** DROP TYPE of a range type, after the columns, views and routines using it are dropped or converted. */
export function planDropRangeType(c: DropRangeType): PlannedStep[] {
  const r = c.rangeType;
  return [
    plannedStep(c, {
      sql: dropRangeTypeSql(r),
      reverse: statements(createRangeTypeSql(r), restoreComment({ kind: 'RangeType', schema: r.schema, name: r.name }, r.comment)),
      object: relKey(r),
      op: '-',
      phase: Phase.DropEnum,
      drops: nodes(r),
      needs: needs(r),
    }),
  ];
}
