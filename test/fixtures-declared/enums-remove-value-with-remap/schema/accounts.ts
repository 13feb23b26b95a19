import { c, enumType, table } from 'schemakit';

/** `archived` is removed; the rows holding it (and the default naming it) become `inactive`. */
export const status = enumType('public', 'status', ['active', 'inactive'], { remap: { archived: 'inactive' } });

export const accounts = table('public', 'accounts', {
  columns: {
    id: c.integer().primaryKey(),
    status: c.enum(status).notNull().default('inactive'),
    history: c.enum(status).array(),
  },
});
