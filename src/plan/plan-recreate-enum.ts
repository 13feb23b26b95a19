import { remapDefault, type RecreateEnum } from '../diff';
import { columnKey, relKey, type Column } from '../model';
import { must } from '../util';
import { alterColumnSql, createEnumSql, dropEnumSql, enumTempName, ident, literal, qualified, renameEnumSql } from '../sql';
import { recreateTypeSteps } from './recreate-type-steps';
import { hazard, type PlannedStep } from './planned-step';

/** `USING` expression converting `col` (old type, scalar or array) to `type` through text, with the remap. */
function remapUsing(col: Column, type: string, remap: Readonly<Record<string, string>>): string {
  const c = ident(col.name);
  const pairs = Object.entries(remap);
  if (col.type.endsWith('[]')) {
    // A subquery is not allowed in a transform expression, so each remap is an array_replace.
    const replaced = pairs.reduce((acc, [from, to]) => `array_replace(${acc}, ${literal(from)}, ${literal(to)})`, `${c}::text[]`);
    return `${replaced}::${type}[]`;
  }
  if (pairs.length === 0) return `${c}::text::${type}`;
  const whens = pairs.map(([from, to]) => `WHEN ${literal(from)} THEN ${literal(to)}`).join(' ');
  return `(CASE ${c}::text ${whens} ELSE ${c}::text END)::${type}`;
}

/**
 * Values removed or reordered: defaults of the columns using the type are dropped, the type is renamed
 * aside, the new type created, each column converted (a table rewrite), the old type dropped and the
 * defaults set again. Every step has its exact inverse, so `down` recreates the old type the same way.
 */
export function planRecreateEnum(c: RecreateEnum): PlannedStep[] {
  const { from, to } = c;
  const object = relKey(to);
  const type = qualified(to.schema, to.name);
  const tmp = enumTempName(from.name);
  const oldType = qualified(from.schema, tmp);
  const removed = from.values.filter((v) => !to.values.includes(v));
  const unmapped = removed.filter((v) => !Object.prototype.hasOwnProperty.call(c.remap, v));
  const r = recreateTypeSteps(c, to, c.columns);
  // A default naming a remapped value is set again remapped; one naming an unmapped removed value cannot be
  // set again (the diff's AlterColumn sets the new one).
  const newDefault = (col: Column) => (col.default === null ? null : remapDefault(col.default, from.schema, from.name, c.remap));
  const keepsDefault = (col: Column) => newDefault(col) !== null && !unmapped.some((v) => newDefault(col)!.includes(literal(v)));
  const steps: PlannedStep[] = r.dropDefaults();
  // Views and routines using the type are dropped before it is renamed aside and created after the new one.
  steps.push(r.renameAside({ sql: renameEnumSql(from.schema, from.name, tmp), reverse: renameEnumSql(from.schema, tmp, from.name) }));
  steps.push(r.createNew({ sql: createEnumSql(to), reverse: dropEnumSql(to) }));
  for (const x of c.columns) {
    const at = columnKey(x.schema, x.table, x.column.name);
    const hazards = [
      hazard('table-rewrite', at, `converting the column to the recreated enum ${object} rewrites the table`),
      hazard('access-exclusive-lock', at, `the table is locked (ACCESS EXCLUSIVE) while it is rewritten`),
    ];
    if (unmapped.length > 0) {
      const vs = unmapped.map(literal).join(', ');
      hazards.push(
        hazard('deletes-data', at, `enum values ${vs} are removed without a remap: their data cannot be kept`),
        hazard('may-fail-on-data', at, `the conversion fails if a row holds ${vs}`),
      );
    } else if (removed.length > 0) {
      const vs = removed.map((v) => `${literal(v)} → ${literal(must(c.remap[v], `remap of ${v}`))}`).join(', ');
      hazards.push(hazard('may-fail-on-data', at, `rows are remapped (${vs}); the conversion fails if a remap names no value of the new type`));
    }
    const back = x.column.type.endsWith('[]') ? `${ident(x.column.name)}::text[]::${oldType}[]` : `${ident(x.column.name)}::text::${oldType}`;
    steps.push(
      r.convert(x, hazards, {
        sql: alterColumnSql(x.schema, x.table, x.column.name, {
          kind: 'SetType',
          type: x.column.type.endsWith('[]') ? `${type}[]` : type,
          collation: null,
          using: remapUsing(x.column, type, c.remap),
        }),
        reverse: alterColumnSql(x.schema, x.table, x.column.name, {
          kind: 'SetType',
          type: x.column.type.endsWith('[]') ? `${oldType}[]` : oldType,
          collation: null,
          using: back,
        }),
      }),
    );
  }
  steps.push(r.dropOld(dropEnumSql({ schema: from.schema, name: tmp }), createEnumSql({ schema: from.schema, name: tmp, values: from.values }), from, 'Enum'));
  steps.push(...r.setDefaults((col) => (keepsDefault(col) ? newDefault(col) : null)));
  return steps;
}
