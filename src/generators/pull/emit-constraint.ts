import type { Check, Constraint, Exclusion, ForeignKey, PrimaryKey, Table, Unique } from '../../model';
import { columnRef, indexKey } from './emit-index';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { sqlTemplate, unwrapParens } from './sql-template';
import { tsAccess, tsString } from './ts-text';
import { must } from '../../util';

/** The options object of a column-level constraint (`{ onDelete: 'cascade' }`), or '' when every option is the default. */
const options = (entries: readonly (readonly [string, string] | null)[]): string => {
  const given = entries.filter((e): e is readonly [string, string] => e !== null);
  return given.length === 0 ? '' : `{ ${given.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
};

/** `name` when the declaration must spell it out, else null. */
const explicitName = (c: Constraint, table: Table, ctx: PullContext, check: string | null = null): string | null =>
  ctx.implicit.constraint(c, table, check) ? null : c.name;

const commentOption = (c: Constraint) => (c.comment !== null ? (['comment', tsString(c.comment)] as const) : null);
const indexCommentOption = (k: PrimaryKey | Unique) => (k.indexComment !== undefined ? (['indexComment', tsString(k.indexComment)] as const) : null);

/** `.primaryKey()` on a column, with `{ name, comment }` when they are not the defaults. */
export function columnPrimaryKey(pk: PrimaryKey, table: Table, ctx: PullContext): string {
  const name = explicitName(pk, table, ctx);
  return `.primaryKey(${options([name !== null ? ['name', tsString(name)] : null, commentOption(pk), indexCommentOption(pk)])})`;
}

/** `.unique()` on a column, with `{ name, nullsNotDistinct, comment }` when they are not the defaults. */
export function columnUnique(u: Unique, table: Table, ctx: PullContext): string {
  const name = explicitName(u, table, ctx);
  const nullsNotDistinct = u.nullsNotDistinct ? (['nullsNotDistinct', 'true'] as const) : null;
  return `.unique(${options([name !== null ? ['name', tsString(name)] : null, nullsNotDistinct, commentOption(u), indexCommentOption(u)])})`;
}

/** `.references(() => users.columns.id, { … })` on a column (never for a reference to its own table). */
export function columnReference(fk: ForeignKey, table: Table, ctx: PullContext, imports: Imports): string {
  const variable = imports.ref(ctx.target(fk));
  const cyclic = ctx.sameCycle(pullKey(fk.schema, fk.table), pullKey(fk.refSchema, fk.refTable));
  const thunk = `${cyclic ? `(): ${imports.libType('ColumnRef')}` : '()'} => ${tsAccess(`${variable}.columns`, must(fk.refColumns[0], `referenced column of ${fk.name}`))}`;
  const name = explicitName(fk, table, ctx);
  const opts = options([
    name !== null ? ['name', tsString(name)] : null,
    fk.onDelete !== 'no-action' ? ['onDelete', tsString(fk.onDelete)] : null,
    fk.onUpdate !== 'no-action' ? ['onUpdate', tsString(fk.onUpdate)] : null,
    fk.match !== 'simple' ? ['match', tsString(fk.match)] : null,
    fk.initiallyDeferred ? ['initiallyDeferred', 'true'] : fk.deferrable ? ['deferrable', 'true'] : null,
    fk.notValid === true ? ['notValid', 'true'] : null,
    commentOption(fk),
  ]);
  return `.references(${thunk}${opts ? `, ${opts}` : ''})`;
}

/** `t.a, t.b` for a list of columns (by name those `t` does not hold: see columnRef). */
const refs = (columns: readonly string[], table?: Table): string[] =>
  table === undefined ? columns.map((c) => tsAccess('t', c)) : columns.map((c) => columnRef(c, new Set(table.columns.map((x) => x.name))));

/** `.include(t.c, …)` of a key with INCLUDE columns, else ''. */
const includeCall = (k: PrimaryKey | Unique, table: Table) => (k.include === undefined ? '' : `.include(${refs(k.include, table).join(', ')})`);

/** The chained calls every table-level constraint may end with. */
function tail(c: Constraint): string {
  let out = '';
  if ('deferrable' in c && c.kind !== 'Check') out += c.initiallyDeferred ? '.initiallyDeferred()' : c.deferrable ? '.deferrable()' : '';
  if ((c.kind === 'Check' || c.kind === 'ForeignKey') && c.notValid === true) out += '.notValid()';
  if (c.comment !== null) out += `.comment(${tsString(c.comment)})`;
  if ('indexComment' in c && c.indexComment !== undefined) out += `.indexComment(${tsString(c.indexComment)})`;
  return out;
}

/** `primaryKey(t.a, t.b)` (or `primaryKey('name', [t.a, t.b])`) for the table's `primaryKey:` option. */
export function tablePrimaryKey(pk: PrimaryKey, table: Table, ctx: PullContext, imports: Imports): string {
  const name = explicitName(pk, table, ctx);
  const fn = imports.lib('primaryKey');
  const cols = refs(pk.columns, table);
  // Column names (a partition's key) go in a list: `primaryKey('a', 'b')` would name the key `a`.
  const all = cols.some((c) => !c.startsWith('t')) ? `[${cols.join(', ')}]` : cols.join(', ');
  const head = name === null ? `${fn}(${all})` : `${fn}(${tsString(name)}, [${cols.join(', ')}])`;
  return head + (pk.withoutOverlaps === true ? '.withoutOverlaps()' : '') + includeCall(pk, table) + tail(pk);
}

/** `unique([t.a, t.b])` for the table's `uniques:` list. */
export function tableUnique(u: Unique, table: Table, ctx: PullContext, imports: Imports): string {
  const name = explicitName(u, table, ctx);
  const fn = imports.lib('unique');
  const head = `${fn}(${name === null ? '' : `${tsString(name)}, `}[${refs(u.columns, table).join(', ')}])`;
  return head + (u.nullsNotDistinct ? '.nullsNotDistinct()' : '') + (u.withoutOverlaps === true ? '.withoutOverlaps()' : '') + includeCall(u, table) + tail(u);
}

/** `check(sql\`${t.price} > 0\`)` for the table's `checks:` list. */
export function tableCheck(ch: Check, table: Table, ctx: PullContext, imports: Imports): string {
  const expression = unwrapParens(ch.expression);
  const template = sqlTemplate(expression, new Set(table.columns.map((c) => c.name)));
  imports.lib('sql');
  const name = explicitName(ch, table, ctx, expression);
  return `${imports.lib('check')}(${name === null ? '' : `${tsString(name)}, `}${template})${ch.noInherit ? '.noInherit()' : ''}${tail(ch)}`;
}

/**
 * `foreignKey([t.a]).references(() => other)` for the table's `foreignKeys:` list: the target's primary key
 * is implied when the referenced columns are exactly it; a reference to the table itself goes through `t`.
 */
export function tableForeignKey(fk: ForeignKey, table: Table, ctx: PullContext, imports: Imports): string {
  const name = explicitName(fk, table, ctx);
  const head = `${imports.lib('foreignKey')}(${name === null ? '' : `${tsString(name)}, `}[${refs(fk.columns, table).join(', ')}])`;
  let target: string;
  if (fk.refSchema === fk.schema && fk.refTable === fk.table) {
    const cols = refs(fk.refColumns);
    target = `() => ${cols.length === 1 ? cols[0] : `[${cols.join(', ')}]`}`;
  } else {
    const targetKey = pullKey(fk.refSchema, fk.refTable);
    const variable = imports.ref(ctx.target(fk));
    const pk = ctx.members.get(targetKey)?.constraints.find((c): c is PrimaryKey => c.kind === 'PrimaryKey');
    const impliedColumns = pk !== undefined && pk.columns.join('\u0000') === fk.refColumns.join('\u0000');
    const annotation = ctx.sameCycle(pullKey(fk.schema, fk.table), targetKey) ? `(): ${imports.libType('AnyTableDecl')}` : '()';
    target = `${annotation} => ${variable}${impliedColumns ? '' : `, [${fk.refColumns.map(tsString).join(', ')}]`}`;
  }
  let out = `${head}.references(${target})`;
  if (fk.onDelete !== 'no-action') out += `.onDelete(${tsString(fk.onDelete)})`;
  if (fk.onUpdate !== 'no-action') out += `.onUpdate(${tsString(fk.onUpdate)})`;
  if (fk.match !== 'simple') out += `.match(${tsString(fk.match)})`;
  if (fk.period === true) out += '.period()';
  return out + tail(fk);
}

/** `exclude('name', [t.room, '='], [t.during, '&&']).using('gist').include(t.a).where(sql\`…\`)` for the table's `exclusions:` option. */
export function tableExclusion(x: Exclusion, table: Table, imports: Imports): string {
  const columns = new Set(table.columns.map((c) => c.name));
  const elements = x.elements.map((e) => `[${indexKey(e, columns, imports)}, ${tsString(e.operator)}]`);
  let out = `${imports.lib('exclude')}(${[tsString(x.name), ...elements].join(', ')})`;
  if (x.method !== 'gist') out += `.using(${tsString(x.method)})`;
  if (x.include.length > 0) out += `.include(${x.include.map((c) => columnRef(c, columns)).join(', ')})`;
  if (x.where !== null) out += `.where(${imports.lib('sql') && sqlTemplate(unwrapParens(x.where), columns)})`;
  return out + tail(x);
}
