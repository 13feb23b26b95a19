import { c, exclude, extension, sql, table } from 'schemakit';

export const btreeGist = extension('btree_gist');

/** A room is never booked twice at the same time (cancelled bookings aside). */
export const bookings = table('bookings', {
  columns: {
    id: c.bigint().primaryKey(),
    room_id: c.integer().notNull(),
    during: c.type('tstzrange').notNull(),
    guest: c.text(),
    cancelled: c.boolean().notNull().default(false),
  },
  exclusions: (t) => [
    exclude([t.room_id, '='], [t.during, '&&']).include(t.guest).where(sql`NOT ${t.cancelled}`).deferrable(),
    exclude('bookings_guest_lower', [sql`lower(${t.guest})`, '='], [t.during, '&&']).comment('a guest is in one room at a time'),
  ],
  storageParameters: { fillfactor: 80 },
});

/** A scratch table that need not survive a crash. */
export const bookingImports = table('booking_imports', {
  columns: { line: c.text(), payload: c.jsonb().storage('external'), note: c.text().compression('pglz') },
  unlogged: true,
});
