import { c, enumType, index, schema, table } from 'schemakit';

/** Comments changed, removed and added on existing objects, without any other change. */
export const app = schema('app', { comment: 'new' });

/** The enum's comment is removed. */
export const kind = enumType(app, 'kind', ['a', 'b']);

/** The table's comment stays; the others change. */
export const items = table(app, 'items', {
  comment: 'Items',
  columns: {
    id: c.integer().primaryKey({ comment: 'new pk' }),
    kind: c.enum(kind).comment('added'),
    label: c.text(),
  },
  indexes: (t) => [index('items_kind_idx').on(t.kind).comment("new 'index'")],
});
