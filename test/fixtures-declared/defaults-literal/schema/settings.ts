import { c, table } from 'schemakit';

/** JavaScript values as defaults, rendered as literals of each column type. */
export const settings = table('settings', {
  columns: {
    name: c.text().default("it's"),
    retries: c.integer().default(3),
    offset_by: c.integer().default(-1),
    quota: c.bigint().default(10_000_000_000n),
    price: c.numeric(8, 2).default('9.99'),
    ratio: c.doublePrecision().default(0.5),
    enabled: c.boolean().notNull().default(false),
    starts_on: c.date().default('2024-01-01'),
    config: c.jsonb().default({ theme: 'dark', sizes: [1, 2] }),
    raw: c.json().default([]),
    labels: c.text().array().default(['a', 'b c']),
    empty_labels: c.text().array().default([]),
    magic: c.bytea().default(new Uint8Array([0, 255])),
    window: c.interval().default('1 day'),
    host: c.inet().default('127.0.0.1'),
  },
});
