import { c, sql, table } from 'schemakit';

/** Parcels by depot; each depot's partition may tighten or change what it inherits. */
export const parcels = table('parcels', {
  columns: {
    id: c.bigint().notNull(),
    depot: c.text().notNull(),
    courier: c.text(),
    fee: c.numeric().default(2),
  },
  partitionBy: (t) => ({ list: [t.depot] }),
});

/** East: a courier is required, and no fee by default. */
export const parcelsEast = table('parcels_east', {
  partitionOf: { parent: parcels, in: ['east'] },
  inheritedColumns: { courier: { notNull: true }, fee: { default: null } },
});

/** West: its own default courier. */
export const parcelsWest = table('parcels_west', {
  partitionOf: { parent: parcels, in: ['west'] },
  inheritedColumns: { courier: { default: sql`'van'` } },
});
