import { c, extension, index, schema, table } from 'schemakit';

/** A schema that holds extensions' objects. */
export const ext = schema('ext');

/** hstore and pg_trgm installed into it. */
export const hstore = extension('hstore', { schema: ext });
export const trgm = extension('pg_trgm', { schema: ext });

/** A column of an extension type and an index with an extension's operator class, both qualified. */
export const products = table('products', {
  columns: {
    id: c.integer().primaryKey(),
    attrs: c.type('ext.hstore'),
    name: c.text(),
  },
  indexes: (t) => [index('products_name_trgm_idx').on(t.name.opclass('ext.gin_trgm_ops')).using('gin')],
});
