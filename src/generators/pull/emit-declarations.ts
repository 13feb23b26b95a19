import type { Enum, Extension, Schema } from '../../model';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { tsList, tsString } from './ts-text';

/** `schema('reporting', { comment: '…' })`. */
export function emitSchema(s: Schema, _ctx: PullContext, imports: Imports): string {
  return `${imports.lib('schema')}(${tsString(s.name)}${s.comment !== null ? `, { comment: ${tsString(s.comment)} }` : ''})`;
}

/** The first argument of `table()`/`enumType()`/`extension()`: the schema's variable, or its name when it is not declared. */
function schemaArgument(schema: string, ctx: PullContext, imports: Imports): string {
  const p = ctx.names.schemas.get(schema);
  return p ? imports.ref(p) : tsString(schema);
}

/** `enumType(reporting, 'tier', ['free', 'pro'], { comment: '…' })`; long value lists one per line. */
export function emitEnum(e: Enum, ctx: PullContext, imports: Imports): string {
  const values = e.values.map(tsString);
  const inline = `[${values.join(', ')}]`;
  const list = inline.length > 80 ? tsList(values, '') : inline;
  const comment = e.comment !== null ? `, { comment: ${tsString(e.comment)} }` : '';
  return `${imports.lib('enumType')}(${schemaArgument(e.schema, ctx, imports)}, ${tsString(e.name)}, ${list}${comment})`;
}

/**
 * `extension('pgcrypto')`, with `{ schema }` when it is not `public`. Neither the version nor the
 * comment is pinned: a declaration without them accepts whatever the database has.
 */
export function emitExtension(x: Extension, ctx: PullContext, imports: Imports): string {
  const schema = x.schema === 'public' ? null : schemaArgument(x.schema, ctx, imports);
  return `${imports.lib('extension')}(${tsString(x.name)}${schema !== null ? `, { schema: ${schema} }` : ''})`;
}
