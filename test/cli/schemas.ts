import { present } from '../support/present';

/**
 * Schema directories for the CLI tests, as file name → TypeScript source. They are strings written into temp
 * projects (not .ts files under test/) because some are meant not to compile, and the repo's tsconfig builds
 * everything under test/.
 */
export type SchemaFiles = Readonly<Record<string, string>>;

const header = `import { c, check, enumType, foreignKey, index, schema, sql, table } from 'schemakit';\n`;

/** A small shop: a schema, an enum, three tables, a FK, a CHECK, an index, comments. */
export const shop: SchemaFiles = {
  'shop.ts': `${header}
/** The shop. */
export const shop = schema('shop', { comment: 'A small shop' });

export const orderStatus = enumType(shop, 'order_status', ['new', 'paid', 'shipped']);
`,
  'customers.ts': `${header}import { shop } from './shop';

export const customers = table(shop, 'customers', {
  comment: 'People who buy',
  columns: {
    id: c.integer().primaryKey(),
    email: c.text().notNull().unique(),
    name: c.text(),
  },
  checks: (t) => [check('email_has_at', sql\`\${t.email} LIKE '%@%'\`)],
});
`,
  'orders.ts': `${header}import { shop, orderStatus } from './shop';
import { customers } from './customers';

export const orders = table(shop, 'orders', {
  columns: {
    id: c.integer().primaryKey(),
    customer_id: c.integer().notNull().references(() => customers.columns.id, { onDelete: 'cascade' }),
    status: c.enum(orderStatus).notNull().default('new'),
    total: c.numeric(10, 2).notNull().default(0),
  },
  indexes: (t) => [index('idx_orders_customer').on(t.customer_id)],
});
`,
  'notes.ts': `${header}import { shop } from './shop';

export const notes = table(shop, 'notes', {
  columns: { id: c.integer().primaryKey(), body: c.text() },
});
`,
};

/** `shop` with files replaced (a string) or removed (null). */
export function shopWith(changes: Readonly<Record<string, string | null>>): SchemaFiles {
  const out: Record<string, string> = { ...shop };
  for (const [name, text] of Object.entries(changes)) {
    if (text === null) delete out[name];
    else out[name] = text;
  }
  return out;
}

/** `customers` with a NOT NULL column without a default: adding it fails once the table has rows. */
export const customersWithRequiredPhone = present(shop['customers.ts']).replace('name: c.text(),', 'name: c.text(),\n    phone: c.text().notNull(),');

/** `customers` with a CHECK that existing rows can violate. */
export const customersWithStrictCheck = present(shop['customers.ts']).replace(
  'checks: (t) => [',
  "checks: (t) => [check('email_is_example', sql`${t.email} LIKE '%@example.org'`), ",
);

/** `notes` renamed to `memos`, declared as a rename. */
export const notesRenamed = `${header}import { shop } from './shop';

export const memos = table(shop, 'memos', {
  renamedFrom: 'notes',
  columns: { id: c.integer().primaryKey(), body: c.text() },
});
`;

/**
 * Validation problems, not type errors: a foreign key to a column that does not exist (the column list is cast,
 * as a list computed at run time would be) and an index name already used in the schema.
 */
export const badForeignKey = `${header}import { shop } from './shop';
import { customers } from './customers';

const missing = ['no_such_column'] as unknown as 'id'[];

export const reviews = table(shop, 'reviews', {
  columns: { id: c.integer().primaryKey(), author: c.integer() },
  foreignKeys: (t) => [foreignKey([t.author]).references(() => customers, missing)],
  indexes: (t) => [index('idx_orders_customer').on(t.author)],
});
`;

/** A type error: a string where a number is expected. */
export const typeError = `${header}import { shop } from './shop';

export const broken = table(shop, 'broken', {
  columns: { id: c.integer().primaryKey().default('not a number') },
});
`;
