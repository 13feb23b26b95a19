import { defaultMultirangeName, type RangeType } from '../../model';
import { qualified } from '../../sql';
import { collateArgument } from './collation';
import { schemaArgument } from './emit-programmable';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { routinePullKey } from './pull-names';
import { tsString } from './ts-text';

/** A pulled SUBTYPE_DIFF function's variable (it takes two values of the subtype), else its name. */
function subtypeDiff(r: RangeType, ctx: PullContext, imports: Imports): string {
  const fn = r.subtypeDiff!;
  const routine = ctx.catalog.routines.find((x) => qualified(x.schema, x.name) === fn && x.identityArgs === `${r.subtype}, ${r.subtype}`);
  const p = routine ? ctx.names.routines.get(routinePullKey(routine)) : undefined;
  return p ? imports.ref(p) : tsString(fn);
}

/** `rangeType(s, 'name', 'subtype', { subtypeDiff, collation, multirangeName, … })`. */
export function emitRangeType(r: RangeType, ctx: PullContext, imports: Imports): string {
  const lines: string[] = [];
  if (r.subtypeOpclass !== null) lines.push(`  subtypeOpclass: ${tsString(r.subtypeOpclass)},`);
  if (r.collation !== null) lines.push(`  collation: ${tsString(collateArgument(r.collation))},`);
  if (r.canonical !== null) lines.push(`  canonical: ${tsString(r.canonical)},`);
  if (r.subtypeDiff !== null) lines.push(`  subtypeDiff: ${subtypeDiff(r, ctx, imports)},`);
  if (r.multirangeName !== defaultMultirangeName(r.name)) lines.push(`  multirangeName: ${tsString(r.multirangeName)},`);
  if (r.multirangeSchema !== r.schema) lines.push(`  multirangeSchema: ${tsString(r.multirangeSchema)},`);
  if (r.comment !== null) lines.push(`  comment: ${tsString(r.comment)},`);
  const options = lines.length === 0 ? '' : `, {\n${lines.join('\n')}\n}`;
  return `${imports.lib('rangeType')}(${schemaArgument(r.schema, ctx, imports)}, ${tsString(r.name)}, ${tsString(r.subtype)}${options})`;
}
