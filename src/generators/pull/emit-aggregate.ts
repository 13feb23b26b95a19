import { defaultFinalModify, splitTopLevel, type Aggregate, type AggregateFinal, type AggregateKind } from '../../model';
import { qualified } from '../../sql';
import { lexSql } from '../../util';
import { schemaArgument } from './emit-programmable';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { routinePullKey } from './pull-names';
import { tsString, tsValue } from './ts-text';

/** The direct and ordered (`ORDER BY`) arguments of `pg_get_function_arguments`'s text; `*` is none. */
export function aggregateArguments(args: string): { direct: string[]; orderBy: string[] | null } {
  if (args === '*') return { direct: [], orderBy: null };
  const lexemes = lexSql(args);
  const at = lexemes.findIndex((l, i) => l.depth === 0 && l.text.toUpperCase() === 'ORDER' && lexemes[i + 2]?.text.toUpperCase() === 'BY');
  const order = lexemes[at];
  const by = lexemes[at + 2];
  if (!order || !by) return { direct: splitTopLevel(args), orderBy: null };
  return { direct: splitTopLevel(args.slice(0, order.start)), orderBy: splitTopLevel(args.slice(by.start + 2)) };
}

/** A support function: the pulled function's variable when it is one (the only one of that name it uses), else its name. */
type FnText = (regproc: string) => string;
function supportFunction(a: Aggregate, ctx: PullContext, imports: Imports): FnText {
  return (regproc) => {
    const uses = a.dependsOn.filter((d) => d.kind === 'routine' && qualified(d.schema, d.name) === regproc);
    const [only] = uses;
    const p = uses.length === 1 && only?.kind === 'routine' ? ctx.names.routines.get(routinePullKey({ ...only, identityArgs: only.args })) : undefined;
    return p ? imports.ref(p) : tsString(regproc);
  };
}

/** The lines of a final function (`finalfunc`, `finalfuncExtra`, `finalfuncModify`), defaults left out. */
function finalLines(f: AggregateFinal | null, kind: AggregateKind, indent: string, fn: FnText): string[] {
  if (f === null) return [];
  const out = [`${indent}finalfunc: ${fn(f.function)},`];
  if (f.extra) out.push(`${indent}finalfuncExtra: true,`);
  if (f.modify !== defaultFinalModify(kind)) out.push(`${indent}finalfuncModify: ${tsString(f.modify)},`);
  return out;
}

/** `aggregate(s, 'name', { args, sfunc, stype, … })`: pulled support functions by variable, others by name. */
export function emitAggregate(a: Aggregate, ctx: PullContext, imports: Imports): string {
  const { direct, orderBy } = aggregateArguments(a.args);
  const fn = supportFunction(a, ctx, imports);
  const lines: string[] = [];
  if (direct.length > 0) lines.push(`  args: ${tsValue(direct)},`);
  if (orderBy !== null) lines.push(`  orderBy: ${tsValue(orderBy)},`);
  if (a.aggregateKind === 'hypothetical') lines.push('  hypothetical: true,');
  lines.push(`  sfunc: ${fn(a.sfunc)},`, `  stype: ${tsString(a.stype)},`);
  if (a.sspace !== 0) lines.push(`  sspace: ${a.sspace},`);
  lines.push(...finalLines(a.final, a.aggregateKind, '  ', fn));
  for (const [k, v] of [
    ['combinefunc', a.combinefunc],
    ['serialfunc', a.serialfunc],
    ['deserialfunc', a.deserialfunc],
  ] as const)
    if (v !== null) lines.push(`  ${k}: ${fn(v)},`);
  if (a.initcond !== null) lines.push(`  initcond: ${tsString(a.initcond)},`);
  const m = a.moving;
  if (m !== null) {
    const inner = [`    sfunc: ${fn(m.sfunc)},`, `    invfunc: ${fn(m.invfunc)},`, `    stype: ${tsString(m.stype)},`];
    if (m.sspace !== 0) inner.push(`    sspace: ${m.sspace},`);
    inner.push(...finalLines(m.final, a.aggregateKind, '    ', fn));
    if (m.initcond !== null) inner.push(`    initcond: ${tsString(m.initcond)},`);
    lines.push(`  moving: {\n${inner.join('\n')}\n  },`);
  }
  if (a.sortop !== null) lines.push(`  sortop: ${tsString(a.sortop)},`);
  if (a.parallel !== 'unsafe') lines.push(`  parallel: ${tsString(a.parallel)},`);
  if (a.comment !== null) lines.push(`  comment: ${tsString(a.comment)},`);
  return `${imports.lib('aggregate')}(${schemaArgument(a.schema, ctx, imports)}, ${tsString(a.name)}, {\n${lines.join('\n')}\n})`;
}
