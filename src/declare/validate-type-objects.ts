import { nameKey } from '../model';
import type { ValidationContext } from './validate-context';

/**
 * Rules for the declarations of type-decls.ts and enum remaps: each object in a declared schema, names
 * unique in their name space (types share one with enums and tables, sequences one with tables), a
 * sequence's owner a declared column, and a remap from a value no longer declared to one that is.
 */
export function validateTypeObjects(ctx: ValidationContext, inSchema: (what: string, schema: string, object: string) => void): void {
  const c = ctx.catalog;
  const key = (x: { schema: string; name: string }) => nameKey(x.schema, x.name);
  for (const s of c.sequences) inSchema('sequence', s.schema, key(s));
  for (const d of c.domains) inSchema('domain', d.schema, key(d));
  for (const t of c.compositeTypes) inSchema('composite type', t.schema, key(t));
  for (const x of c.collations) inSchema('collation', x.schema, key(x));
  for (const x of c.rangeTypes) inSchema('range type', x.schema, key(x));
  // Tables and enums among themselves are validateNames' business; these are the new kinds against all.
  const clash = (what: string, taken: readonly { schema: string; name: string }[], added: readonly { schema: string; name: string }[]) => {
    const seen = new Set(taken.map(key));
    for (const x of added) {
      if (seen.has(key(x))) ctx.report('duplicate-name', key(x), `${what} ${key(x)}: the name is taken by another ${what} in the schema`);
      seen.add(key(x));
    }
  };
  clash(
    'type',
    [...c.enums, ...c.tables],
    [...c.rangeTypes, ...c.rangeTypes.map((r) => ({ schema: r.multirangeSchema, name: r.multirangeName })), ...c.domains, ...c.compositeTypes],
  );
  clash('relation', c.tables, c.sequences);
  clash('collation', [], c.collations);
  for (const s of c.sequences) {
    if (s.ownedBy === null) continue;
    const t = c.tables.find((x) => x.schema === s.schema && x.name === s.ownedBy!.table);
    if (!t?.columns.some((col) => col.name === s.ownedBy!.column)) {
      ctx.report(
        'invalid-reference',
        key(s),
        `sequence ${key(s)} is OWNED BY ${s.schema}.${s.ownedBy.table}.${s.ownedBy.column}, which is not a declared column`,
      );
    }
  }
  for (const r of ctx.renames.enumRemaps ?? []) {
    const e = c.enums.find((x) => x.schema === r.schema && x.name === r.enum);
    if (!e) continue;
    for (const [from, to] of Object.entries(r.remap)) {
      if (e.values.includes(from)) ctx.report('invalid-remap', key(e), `enum ${key(e)} remaps '${from}', which is still one of its values`);
      if (!e.values.includes(to)) ctx.report('invalid-remap', key(e), `enum ${key(e)} remaps '${from}' to '${to}', which is not one of its values`);
    }
  }
}
