import type { EventTrigger, Index, Routine, Trigger, View, ViewColumnSettings } from '../../model';
import { ident } from '../../sql';
import { lexSql, nameOf } from '../../util';
import { indexKey } from './emit-index';
import { parameterRecord } from './emit-table-shape';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey, routinePullKey, type Placement } from './pull-names';
import { parseRoutineArguments } from './routine-args';
import { sqlTemplate, unwrapParens } from './sql-template';
import { tsKey, tsList, tsString, tsValue } from './ts-text';

/** The schema argument of `view()`/`func()`: the schema's variable, or its name when it is not declared. */
export function schemaArgument(schema: string, ctx: PullContext, imports: Imports): string {
  const p = ctx.names.schemas.get(schema);
  return p ? imports.ref(p) : tsString(schema);
}

/** The variable of the one pulled routine `schema.name` (none, or overloaded: undefined). */
function routineByName(schema: string, name: string, ctx: PullContext, self: Routine | null): Placement | undefined {
  const same = ctx.catalog.routines.filter((r) => r.schema === schema && r.name === name && r !== self);
  if (self !== null && self.schema === schema && self.name === name) return undefined;
  const [only] = same;
  return same.length === 1 && only ? ctx.names.routines.get(routinePullKey(only)) : undefined;
}

/**
 * The pieces of Postgres-printed SQL with every `schema.relation` of a pulled table or view as its placement,
 * and with `calls` every `schema.routine(` of a pulled routine; null when a template cannot carry the text.
 */
function interpolate(text: string, ctx: PullContext, calls: { self: Routine } | null): (string | Placement)[] | null {
  if (/`|\r|\\/.test(text) || text.includes('${')) return null;
  const lexemes = lexSql(text);
  const textAt = (i: number): string => lexemes[i]?.text ?? '';
  const nameAt = (i: number): string | null => {
    const l = lexemes[i];
    return l === undefined ? null : nameOf(l);
  };
  const out: (string | Placement)[] = [];
  let run = '';
  for (let i = 0; i < lexemes.length; i++) {
    const schema = nameAt(i);
    if (schema !== null && textAt(i - 1) !== '.' && textAt(i + 1) === '.' && i + 2 < lexemes.length) {
      const name = nameAt(i + 2);
      const next = textAt(i + 3);
      const p: Placement | undefined =
        name === null || next === '.'
          ? undefined
          : next === '('
            ? calls
              ? routineByName(schema, name, ctx, calls.self)
              : undefined
            : (ctx.names.tables.get(pullKey(schema, name)) ?? ctx.names.views.get(pullKey(schema, name)));
      if (p) {
        out.push(run, p);
        run = '';
        i += 2;
        continue;
      }
    }
    run += textAt(i);
  }
  out.push(run);
  return out;
}

/** The pieces as the `sql` tag. */
const template = (pieces: readonly (string | Placement)[], imports: Imports): string =>
  imports.lib('sql') + '`' + pieces.map((p) => (typeof p === 'string' ? p : '${' + imports.ref(p) + '}')).join('') + '`';

/**
 * A view's query or a SQL-standard routine body as the `sql` tag, the tables and views it reads (and with
 * `calls` the routines it calls) interpolated, so the object is created after them; `sql.raw` when a template
 * cannot carry the text.
 */
function interpolatedSql(definition: string, ctx: PullContext, imports: Imports, calls: { self: Routine } | null = null): string {
  const text = definition.trim();
  const pieces = interpolate(text, ctx, calls);
  return pieces === null ? `${imports.lib('sql')}.raw(${tsString(text)})` : template(pieces, imports);
}

/** A routine's argument or result type: the `sql` tag when it names a pulled table (`SETOF ${customer}`), else the text. */
function typeSpec(type: string, ctx: PullContext, imports: Imports): string {
  const pieces = interpolate(type, ctx, null);
  return pieces !== null && pieces.length > 1 ? template(pieces, imports) : tsString(type);
}

/** `index('name').on(sql\`id\`).unique()…` of a materialized view: keys as SQL, INCLUDE columns by name (there is no `t`). */
function viewIndex(i: Index, imports: Imports): string {
  const keys = i.keys.map((k) => indexKey(k.column !== null ? { ...k, column: null, expression: ident(k.column) } : k, new Set(), imports));
  let out = `${imports.lib('index')}(${tsString(i.name)}).on(${keys.join(', ')})`;
  if (i.method !== 'btree') out += `.using(${tsString(i.method)})`;
  if (i.unique) out += '.unique()';
  if (i.nullsNotDistinct) out += '.nullsNotDistinct()';
  if (i.include.length > 0) out += `.include(${i.include.map(tsString).join(', ')})`;
  if (i.where !== null) out += `.where(${imports.lib('sql') && sqlTemplate(unwrapParens(i.where))})`;
  if (i.comment !== null) out += `.comment(${tsString(i.comment)})`;
  return out;
}

/** `columnDefaults: { … }`, `columnStatistics: { … }`, `columnStorage: { … }` of a view, each when one is set. */
function columnSettingLines(settings: readonly ViewColumnSettings[], imports: Imports): string[] {
  const record = (values: [string, string | undefined][]) => {
    const given = values.filter((e): e is [string, string] => e[1] !== undefined);
    return given.length === 0 ? null : `{ ${given.map(([k, v]) => `${tsKey(k)}: ${v}`).join(', ')} }`;
  };
  const defaults = record(settings.map((s) => [s.column, s.default === undefined ? undefined : sqlTemplate(s.default)]));
  if (defaults !== null) imports.lib('sql');
  const statistics = record(settings.map((s) => [s.column, s.statistics?.toString()]));
  const storage = record(settings.map((s) => [s.column, s.storage === undefined ? undefined : tsString(s.storage)]));
  return [
    ...(defaults === null ? [] : [`  columnDefaults: ${defaults},`]),
    ...(statistics === null ? [] : [`  columnStatistics: ${statistics},`]),
    ...(storage === null ? [] : [`  columnStorage: ${storage},`]),
  ];
}

/** `view(s, 'name', { as: sql\`…\`, … })` or `materializedView(…)`. */
export function emitView(v: View, ctx: PullContext, imports: Imports): string {
  const lines = [`  as: ${interpolatedSql(v.definition, ctx, imports)},`];
  if (v.securityBarrier) lines.push('  securityBarrier: true,');
  if (v.securityInvoker) lines.push('  securityInvoker: true,');
  if (v.checkOption !== null) lines.push(`  checkOption: ${tsString(v.checkOption)},`);
  if (v.materialized && !v.withData) lines.push('  withData: false,');
  if (v.storageParameters.length > 0) lines.push(`  storageParameters: ${parameterRecord(v.storageParameters)},`);
  const indexes = ctx.catalog.indexes.filter((i) => i.schema === v.schema && i.table === v.name);
  if (indexes.length > 0)
    lines.push(
      `  indexes: ${tsList(
        indexes.map((i) => viewIndex(i, imports)),
        '  ',
      )},`,
    );
  if (v.comment !== null) lines.push(`  comment: ${tsString(v.comment)},`);
  if (v.columnComments.length > 0) lines.push(`  columnComments: { ${v.columnComments.map((x) => `${tsKey(x.column)}: ${tsString(x.comment)}`).join(', ')} },`);
  lines.push(...columnSettingLines(v.columnSettings ?? [], imports));
  const fn = imports.lib(v.materialized ? 'materializedView' : 'view');
  return `${fn}(${schemaArgument(v.schema, ctx, imports)}, ${tsString(v.name)}, {\n${lines.join('\n')}\n})`;
}

/** A multi-line text as a template literal when one carries it as is, else a string literal. */
const tsText = (text: string): string => (text.includes('\n') && !/`|\\|\$\{|\r/.test(text) ? '`' + text + '`' : tsString(text));

/** The default cost Postgres gives a routine of the language. */
const defaultCost = (language: string) => (language === 'c' || language === 'internal' ? 1 : 100);

/** `func(s, 'name', { args, returns, language, body, … })` or `procedure(…)`. */
export function emitRoutine(r: Routine, ctx: PullContext, imports: Imports): string {
  const lines: string[] = [];
  const args = parseRoutineArguments(r.args).map((a) => {
    const fields: string[] = [];
    if (a.name !== null) fields.push(`name: ${tsString(a.name)}`);
    fields.push(`type: ${typeSpec(a.type, ctx, imports)}`);
    if (a.mode !== 'in') fields.push(`mode: ${tsString(a.mode)}`);
    if (a.default !== null) fields.push(`default: ${imports.lib('sql') && sqlTemplate(a.default)}`);
    return `{ ${fields.join(', ')} }`;
  });
  if (args.length > 0) lines.push(`  args: [${args.join(', ')}],`);
  if (!r.procedure && r.returns !== null) lines.push(`  returns: ${typeSpec(r.returns, ctx, imports)},`);
  lines.push(`  language: ${tsString(r.language)},`);
  if (!r.procedure) {
    if (r.volatility !== 'volatile') lines.push(`  volatility: ${tsString(r.volatility)},`);
    if (r.strict) lines.push('  strict: true,');
    if (r.leakproof) lines.push('  leakproof: true,');
    if (r.parallel !== 'unsafe') lines.push(`  parallel: ${tsString(r.parallel)},`);
    if (r.cost !== defaultCost(r.language)) lines.push(`  cost: ${r.cost},`);
    if (r.rows !== null && r.rows !== 1000) lines.push(`  rows: ${r.rows},`);
  }
  if (r.securityDefiner) lines.push('  securityDefiner: true,');
  if (r.config.length > 0) {
    const set = Object.fromEntries(r.config.map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]));
    lines.push(`  set: ${tsValue(set)},`);
  }
  lines.push(`  body: ${r.atomic ? interpolatedSql(r.body, ctx, imports, { self: r }) : tsText(r.body)},`);
  if (r.atomic) lines.push('  atomic: true,');
  if (r.comment !== null) lines.push(`  comment: ${tsString(r.comment)},`);
  const fn = imports.lib(r.procedure ? 'procedure' : 'func');
  return `${fn}(${schemaArgument(r.schema, ctx, imports)}, ${tsString(r.name)}, {\n${lines.join('\n')}\n})`;
}

/**
 * The function a trigger runs: the variable of a pulled one, else (a built-in or extension function such as
 * `tsvector_update_trigger`) `{ schema, name }`.
 */
function triggerFunction(t: Pick<Trigger, 'functionSchema' | 'functionName'>, ctx: PullContext, imports: Imports): string {
  const p = ctx.names.routines.get(routinePullKey({ schema: t.functionSchema, name: t.functionName, identityArgs: '' }));
  return p ? imports.ref(p) : `{ schema: ${tsString(t.functionSchema)}, name: ${tsString(t.functionName)} }`;
}

/** `trigger(users, 'name', { timing, events, forEach, function, … })`. */
export function emitTrigger(t: Trigger, ctx: PullContext, imports: Imports): string {
  const on = ctx.names.tables.get(pullKey(t.schema, t.table)) ?? ctx.names.views.get(pullKey(t.schema, t.table))!;
  const lines = [`  timing: ${tsString(t.timing)},`, `  events: ${tsValue(t.events)},`];
  if (t.updateOf.length > 0) lines.push(`  updateOf: ${tsValue(t.updateOf)},`);
  lines.push(`  forEach: ${tsString(t.forEachRow ? 'row' : 'statement')},`);
  if (t.when !== null) lines.push(`  when: ${imports.lib('sql') && sqlTemplate(t.when)},`);
  lines.push(`  function: ${triggerFunction(t, ctx, imports)},`);
  if (t.args.length > 0) lines.push(`  args: ${tsValue(t.args)},`);
  if (t.constraint) lines.push('  constraint: true,');
  if (t.deferrable) lines.push('  deferrable: true,');
  if (t.initiallyDeferred) lines.push('  initiallyDeferred: true,');
  if (t.enabled !== undefined) lines.push(`  enabled: ${tsString(t.enabled)},`);
  if (t.oldTable !== undefined || t.newTable !== undefined)
    lines.push(
      `  referencing: ${tsValue({ ...(t.oldTable !== undefined ? { oldTable: t.oldTable } : {}), ...(t.newTable !== undefined ? { newTable: t.newTable } : {}) })},`,
    );
  if (t.comment !== null) lines.push(`  comment: ${tsString(t.comment)},`);
  return `${imports.lib('trigger')}(${imports.ref(on)}, ${tsString(t.name)}, {\n${lines.join('\n')}\n})`;
}

/** Routines in an order where each comes after the routines its body reads (a SQL-standard body interpolates them). */
export function routinesInOrder(routines: readonly Routine[]): Routine[] {
  const byKey = new Map(routines.map((r) => [routinePullKey(r), r]));
  const done = new Set<string>();
  const out: Routine[] = [];
  const visit = (r: Routine) => {
    const key = routinePullKey(r);
    if (done.has(key)) return;
    done.add(key);
    for (const d of r.dependsOn) {
      const read = d.kind === 'routine' ? byKey.get(routinePullKey({ schema: d.schema, name: d.name, identityArgs: d.args })) : undefined;
      if (read) visit(read);
    }
    out.push(r);
  };
  for (const r of routines) visit(r);
  return out;
}

/** Views in an order where each comes after the views it reads (a module's constants are initialized in order). */
export function viewsInOrder(views: readonly View[]): View[] {
  const byKey = new Map(views.map((v) => [pullKey(v.schema, v.name), v]));
  const done = new Set<string>();
  const out: View[] = [];
  const visit = (v: View) => {
    const key = pullKey(v.schema, v.name);
    if (done.has(key)) return;
    done.add(key);
    for (const d of v.dependsOn) {
      const read = d.kind === 'relation' ? byKey.get(pullKey(d.schema, d.name)) : d.kind === 'column' ? byKey.get(pullKey(d.schema, d.table)) : undefined;
      if (read) visit(read);
    }
    out.push(v);
  };
  for (const v of views) visit(v);
  return out;
}

/** `eventTrigger('name', { event, tags, function, enabled })`. */
export function emitEventTrigger(e: EventTrigger, ctx: PullContext, imports: Imports): string {
  const lines = [`  event: ${tsString(e.event)},`];
  if (e.tags.length > 0) lines.push(`  tags: ${tsValue(e.tags)},`);
  lines.push(`  function: ${triggerFunction(e, ctx, imports)},`);
  if (e.enabled !== 'O') lines.push(`  enabled: ${tsString(e.enabled)},`);
  if (e.comment !== null) lines.push(`  comment: ${tsString(e.comment)},`);
  return `${imports.lib('eventTrigger')}(${tsString(e.name)}, {\n${lines.join('\n')}\n})`;
}
