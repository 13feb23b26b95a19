import type { FdwOption, ForeignServer, ForeignTable, Publication } from '../../model';
import { SchemakitError } from '../../util';
import { schemaArgument } from './emit-programmable';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { tsKey, tsString, tsValue } from './ts-text';

/** `{ name: 'value' }` of options. */
const optionsText = (options: readonly FdwOption[]): string => tsValue(Object.fromEntries(options.map((o) => [o.name, o.value])));

/** `name: value` properties, those given as null left out, on one line. */
const props = (entries: readonly (readonly [string, string | null])[]): string => {
  const kept = entries.filter((e): e is [string, string] => e[1] !== null);
  return kept.length === 0 ? '{}' : `{ ${kept.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
};

/**
 * `publication('orders_pub', { tables: [orders, { table: lines, columns: ['id'], where: 'qty > 0' }], publish: […] })`;
 * options left out where they are the defaults (all four actions, not via the partition root).
 */
export function emitPublication(p: Publication, ctx: PullContext, imports: Imports): string {
  const tables = p.tables.map((t) => {
    const placement = ctx.names.tables.get(pullKey(t.schema, t.name));
    if (!placement)
      throw new SchemakitError('introspect', 'pull-unsupported', `pull cannot write publication ${p.name}: table ${t.schema}.${t.name} is not pulled`);
    const ref = imports.ref(placement);
    if (t.columns === null && t.where === null) return ref;
    return props([
      ['table', ref],
      ['columns', t.columns === null ? null : tsValue(t.columns)],
      ['where', t.where === null ? null : tsString(t.where)],
    ]);
  });
  const all = p.publish.length === 4;
  const options = props([
    ['allTables', p.allTables ? 'true' : null],
    ['tables', tables.length === 0 ? null : `[${tables.join(', ')}]`],
    ['schemas', p.schemas.length === 0 ? null : `[${p.schemas.map((s) => schemaArgument(s, ctx, imports)).join(', ')}]`],
    ['publish', all ? null : tsValue(p.publish)],
    ['viaRoot', p.viaRoot ? 'true' : null],
    ['comment', p.comment === null ? null : tsString(p.comment)],
  ]);
  return `${imports.lib('publication')}(${tsString(p.name)}${options === '{}' ? '' : `, ${options}`})`;
}

/** `foreignServer('remote', { wrapper: 'postgres_fdw', options: { host: 'db' } })`. */
export function emitForeignServer(s: ForeignServer, _ctx: PullContext, imports: Imports): string {
  const options = props([
    ['wrapper', tsString(s.wrapper)],
    ['type', s.type === null ? null : tsString(s.type)],
    ['version', s.version === null ? null : tsString(s.version)],
    ['options', s.options.length === 0 ? null : optionsText(s.options)],
    ['comment', s.comment === null ? null : tsString(s.comment)],
  ]);
  return `${imports.lib('foreignServer')}(${tsString(s.name)}, ${options})`;
}

/** `foreignTable(app, 'remote_users', { server: remote, columns: { id: { type: 'integer', notNull: true } }, options: {…} })`. */
export function emitForeignTable(t: ForeignTable, ctx: PullContext, imports: Imports): string {
  const server = ctx.names.foreignServers.get(t.server);
  const columns = t.columns.map(
    (c) =>
      `    ${tsKey(c.name)}: ${props([
        ['type', tsString(c.type)],
        ['notNull', c.notNull ? 'true' : null],
        ['default', c.default === null ? null : tsString(c.default)],
        ['options', c.options.length === 0 ? null : optionsText(c.options)],
        ['comment', c.comment === null ? null : tsString(c.comment)],
      ])},`,
  );
  const lines = [
    `  server: ${server ? imports.ref(server) : tsString(t.server)},`,
    `  columns: {${columns.length === 0 ? '' : `\n${columns.join('\n')}\n  `}},`,
    ...(t.options.length === 0 ? [] : [`  options: ${optionsText(t.options)},`]),
    ...(t.comment === null ? [] : [`  comment: ${tsString(t.comment)},`]),
  ];
  return `${imports.lib('foreignTable')}(${schemaArgument(t.schema, ctx, imports)}, ${tsString(t.name)}, {\n${lines.join('\n')}\n})`;
}
