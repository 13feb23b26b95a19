import { c, enumType, table } from 'schemakit';

/** The values in their natural order (the type is recreated; no value is lost). */
export const size = enumType('public', 'size', ['small', 'medium', 'large']);

export const shirts = table('public', 'shirts', {
  columns: {
    id: c.integer().primaryKey(),
    size: c.enum(size).default('medium'),
  },
});
