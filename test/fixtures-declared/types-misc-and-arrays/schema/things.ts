import { c, table } from 'schemakit';

/** Boolean, uuid, JSON, binary and network types, and arrays of one and two dimensions. */
export const things = table('things', {
  columns: {
    id: c.uuid().notNull(),
    active: c.boolean(),
    raw: c.json(),
    doc: c.jsonb(),
    blob: c.bytea(),
    host: c.inet(),
    network: c.cidr(),
    tags: c.text().array(),
    matrix: c.integer().array().array(),
    stamps: c.timestamptz().array(),
    money_like: c.type('money'),
    point: c.type<string>('point'),
  },
});
