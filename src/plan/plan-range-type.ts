import type { CreateRangeType, DropRangeType, RecreateRangeType } from '../diff';
import { columnKey, rangeConstructors, relKey, type RangeType } from '../model';
import { alterColumnSql, createRangeTypeSql, dropRangeTypeSql, enumTempName, ident, qualified, renameRoutineSql, renameTypeSql } from '../sql';
import { restoreComment } from './comment-step';
import { collationNeeds, routineNode, schemaNode, typeNeeds, typeNode, typeShapeNode, userTypeOf } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { asideSql, recreateTypeSteps } from './recreate-type-steps';

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

/** The range type renamed aside: its multirange type too (their constructors keep their names but follow). */
const aside = (r: RangeType): RangeType => ({ ...r, name: enumTempName(r.name), multirangeName: enumTempName(r.multirangeName) });

/**
 * `ALTER TYPE … RENAME` of the range and multirange types and `ALTER FUNCTION … RENAME` of their constructors
 * (which keep their names, and would clash with the new type's), as the statements of one step, and back.
 */
function renameAsideSql(r: RangeType): { sql: string; reverse: string } {
  const old = aside(r);
  const types: [string, string, string][] = [
    [r.schema, r.name, old.name],
    [r.multirangeSchema, r.multirangeName, old.multirangeName],
  ];
  // Once the types are renamed, the multirange constructors take the range under its temporary name.
  const constructors = rangeConstructors(r, qualified(r.schema, old.name)).map(([schema, name, identityArgs]) => ({
    schema,
    name,
    identityArgs,
    procedure: false,
  }));
  return {
    sql: statements(
      ...types.map(([schema, from, to]) => renameTypeSql(schema, from, to)),
      ...constructors.map((f) => renameRoutineSql(f, enumTempName(f.name))),
    ),
    reverse: statements(
      ...constructors.map((f) => renameRoutineSql({ ...f, name: enumTempName(f.name) }, f.name)),
      ...types.map(([schema, from, to]) => renameTypeSql(schema, to, from)),
    ),
  };
}

/**
 * A changed range type in use: the columns' defaults dropped, the range and multirange types (with their
 * constructors) renamed aside, the new ones created, each column converted through text (a rewrite that fails
 * on a value the new type rejects), the old types dropped and the defaults set again. Domains and composite
 * types over either are recreated aside around it (the type cascade), views, routines and table expressions
 * reading them are rebuilt around it.
 */
export function planRecreateRangeType(c: RecreateRangeType): PlannedStep[] {
  const { from, to } = c;
  const within = c.within ?? [];
  // Once its subtype is renamed aside too (recreated under it), the old range reads the temporary name.
  const old = { ...aside(from), subtype: asideSql(from.subtype, within) };
  const multi = (r: RangeType) => ({ schema: r.multirangeSchema, name: r.multirangeName });
  const r = recreateTypeSteps(c, to, c.columns, within);
  const shapes = [typeShapeNode(to.schema, to.name), typeShapeNode(to.multirangeSchema, to.multirangeName)];
  const steps: PlannedStep[] = r.dropDefaults();
  const renamed = r.renameAside(renameAsideSql(from));
  // Renamed aside before the subtypes recreated under it are: its constructors are named by their argument types.
  steps.push({ ...renamed, drops: [...shapes, ...nodes(from).slice(2)], precedes: within.map((w) => typeShapeNode(w.schema, w.name)) });
  const created = r.createNew({ sql: createRangeTypeSql(to), reverse: dropRangeTypeSql(to) });
  steps.push({ ...created, creates: [...shapes, ...nodes(to).slice(2)], needs: [...created.needs, ...needs(to)] });
  const spelled = (t: { schema: string; name: string }) => qualified(t.schema, t.name);
  for (const x of c.columns) {
    const arr = x.column.type.endsWith('[]') ? '[]' : '';
    const isMulti = x.column.type.replace(/(\[\])+$/, '') === spelled(multi(from));
    const [newType, oldType] = isMulti ? [spelled(multi(to)), spelled(multi(old))] : [spelled(to), spelled(old)];
    const col = ident(x.column.name);
    const at = columnKey(x.schema, x.table, x.column.name);
    const hazards = [
      hazard('table-rewrite', at, `converting the column to the recreated range type ${relKey(to)} rewrites the table`),
      hazard('access-exclusive-lock', at, 'the table is locked (ACCESS EXCLUSIVE) while it is rewritten'),
      hazard('may-fail-on-data', at, `the conversion fails if a stored value does not convert to ${newType}`),
    ];
    const set = (type: string) =>
      alterColumnSql(x.schema, x.table, x.column.name, { kind: 'SetType', type: `${type}${arr}`, collation: null, using: `${col}::text::${type}${arr}` });
    steps.push(r.convert(x, hazards, { sql: set(newType), reverse: set(oldType) }));
  }
  const dropped = r.dropOld(dropRangeTypeSql(old), createRangeTypeSql(old), from, 'RangeType');
  steps.push({ ...dropped, drops: [...dropped.drops, typeNode(old.multirangeSchema, old.multirangeName)] });
  steps.push(...r.setDefaults((col) => col.default));
  return steps;
}
