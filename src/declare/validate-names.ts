import { keyPart } from '../util';
import { nameKey } from '../model';
import { MAX_IDENTIFIER_BYTES } from './implicit-names';
import type { ValidationContext } from './validate-context';

interface Named {
  readonly what: string;
  readonly name: string;
  /** Object key for messages. */
  readonly object: string;
  /** Location key (with `#n` for repeats). */
  readonly key: string;
}

/** Assigns location keys to objects in order, counting repeats of the same key. */
function occurrences(): (key: string, ctx: ValidationContext) => string {
  const count = new Map<string, number>();
  return (key, ctx) => {
    const n = count.get(key) ?? 0;
    count.set(key, n + 1);
    return ctx.nth(key, n);
  };
}

function reportRepeats<T extends Named>(ctx: ValidationContext, items: readonly T[], namespace: string, reportedElsewhere?: (x: T, first: T) => boolean): void {
  const seen = new Map<string, T>();
  for (const x of items) {
    const first = seen.get(x.name);
    if (!first) {
      seen.set(x.name, x);
      continue;
    }
    if (reportedElsewhere?.(x, first)) continue;
    const where = ctx.at(first.key);
    const firstText = first.what === x.what ? 'declared twice' : `already used by ${first.what} ${first.object}`;
    ctx.report('duplicate-name', x.object, `${x.what} name "${x.name}" ${firstText} ${namespace}${where ? ` (first at ${where})` : ''}`, x.key);
  }
}

/**
 * Duplicate names in each namespace Postgres has: schemas; extensions; relations of a schema (tables,
 * indexes, and the indexes behind primary key and unique constraints); types of a schema (tables have a
 * row type, so a table and an enum cannot share a name); columns and constraints of a table; enum
 * labels. Also names longer than 63 bytes, which Postgres would silently truncate.
 */
export function validateNames(ctx: ValidationContext): void {
  const { catalog } = ctx;
  const occ = occurrences();
  const schemas = catalog.schemas.map((s) => ({ what: 'schema', name: s.name, object: s.name, key: occ(s.name, ctx) }));
  reportRepeats(ctx, schemas, 'in the database');
  const extensions = catalog.extensions.map((e) => ({ what: 'extension', name: e.name, object: e.name, key: occ(e.name, ctx) }));
  reportRepeats(ctx, extensions, 'in the database');

  const tables = catalog.tables.map((t) => ({
    what: 'table',
    name: t.name,
    schema: t.schema,
    object: nameKey(t.schema, t.name),
    key: occ(nameKey(t.schema, t.name), ctx),
  }));
  const enums = catalog.enums.map((e) => ({
    what: 'enum',
    name: e.name,
    schema: e.schema,
    object: nameKey(e.schema, e.name),
    key: occ(nameKey(e.schema, e.name), ctx),
  }));
  const indexes = catalog.indexes.map((i) => ({
    what: 'index',
    name: i.name,
    schema: i.schema,
    object: nameKey(i.schema, i.name),
    key: occ(nameKey(i.schema, i.name), ctx),
  }));
  const constraints = catalog.constraints.map((c) => {
    const object = nameKey(c.schema, c.table, c.name);
    return {
      what: `${c.kind === 'PrimaryKey' ? 'primary key' : c.kind === 'Unique' ? 'unique constraint' : c.kind === 'Check' ? 'check constraint' : 'foreign key'}`,
      name: c.name,
      schema: c.schema,
      table: c.table,
      indexBacked: c.kind === 'PrimaryKey' || c.kind === 'Unique',
      object,
      key: occ(object, ctx),
    };
  });
  const bySchema = <T extends { schema: string }>(xs: readonly T[], s: string) => xs.filter((x) => x.schema === s);
  const schemaNames = new Set([...tables, ...enums, ...indexes, ...constraints].map((x) => x.schema));
  for (const s of schemaNames) {
    const relations: (Named & { table?: string })[] = [
      ...bySchema(tables, s),
      ...bySchema(indexes, s),
      ...bySchema(constraints, s).filter((c) => c.indexBacked),
    ];
    // Two constraints of one table are reported with the table's constraints.
    reportRepeats(ctx, relations, `among relations of schema ${s}`, (x, first) => x.table !== undefined && x.table === first.table);
    // Two tables are reported with the relations.
    reportRepeats(
      ctx,
      [...bySchema(tables, s), ...bySchema(enums, s)],
      `among types of schema ${s}`,
      (x, first) => x.what === 'table' && first.what === 'table',
    );
  }
  for (const t of catalog.tables) {
    const tkey = nameKey(t.schema, t.name);
    reportRepeats(
      ctx,
      t.columns.map((c) => ({ what: 'column', name: c.name, object: `${tkey}.${keyPart(c.name)}`, key: `${tkey}.${keyPart(c.name)}` })),
      `in table ${tkey}`,
    );
    reportRepeats(
      ctx,
      constraints.filter((c) => c.schema === t.schema && c.table === t.name),
      `in table ${tkey}`,
    );
  }
  for (const e of catalog.enums) {
    const key = nameKey(e.schema, e.name);
    if (e.values.length === 0) ctx.report('empty-enum', key, `enum ${key} has no values`);
    reportRepeats(
      ctx,
      e.values.map((v) => ({ what: 'enum value', name: v, object: key, key })),
      `in enum ${key}`,
    );
  }

  const long = (what: string, name: string, object: string, key = object) => {
    if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
      ctx.report('name-too-long', object, `${what} name "${name}" is longer than ${MAX_IDENTIFIER_BYTES} bytes; Postgres would truncate it`, key);
    }
  };
  for (const x of [...schemas, ...extensions, ...tables, ...enums, ...indexes, ...constraints]) long(x.what, x.name, x.object, x.key);
  for (const t of catalog.tables) for (const c of t.columns) long('column', c.name, nameKey(t.schema, t.name, c.name));
  for (const e of catalog.enums) for (const v of e.values) long('enum value', v, nameKey(e.schema, e.name));
  // Every other kind too: Postgres truncates them the same way (two long view names would collide).
  for (const v of catalog.views) long(v.materialized ? 'materialized view' : 'view', v.name, nameKey(v.schema, v.name));
  for (const r of catalog.routines) long('routine', r.name, nameKey(r.schema, r.name));
  for (const a of catalog.aggregates) long('aggregate', a.name, nameKey(a.schema, a.name));
  for (const t of catalog.triggers) long('trigger', t.name, nameKey(t.schema, t.table, t.name));
  for (const r of catalog.rules) long('rule', r.name, nameKey(r.schema, r.table, r.name));
  for (const t of catalog.eventTriggers) long('event trigger', t.name, t.name);
  for (const p of catalog.policies) long('policy', p.name, nameKey(p.schema, p.table, p.name));
  for (const x of catalog.sequences) long('sequence', x.name, nameKey(x.schema, x.name));
  for (const x of catalog.domains) long('domain', x.name, nameKey(x.schema, x.name));
  for (const x of catalog.compositeTypes) long('composite type', x.name, nameKey(x.schema, x.name));
  for (const x of catalog.collations) long('collation', x.name, nameKey(x.schema, x.name));
}
