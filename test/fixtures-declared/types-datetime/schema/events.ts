import { c, table } from 'schemakit';

/** Date and time types, with and without fractional-second precision. */
export const events = table('events', {
  columns: {
    day: c.date(),
    at_time: c.time(),
    at_time_ms: c.time(3),
    at_timetz: c.timetz(),
    local_at: c.timestamp(),
    local_at_s: c.timestamp(0),
    happened_at: c.timestamptz().notNull(),
    happened_at_ms: c.timestamptz(3),
    lasted: c.interval(),
  },
});
