import { c, rule, sql, table, view } from 'schemakit';

export const events = table('events', {
  columns: {
    id: c.integer().primaryKey(),
    kind: c.text().notNull(),
    at: c.timestamptz().notNull().default(sql`now()`),
  },
});

export const debugEvents = table('debug_events', {
  columns: { id: c.integer().primaryKey(), at: c.timestamptz().notNull() },
});

export const eventLog = table('event_log', {
  columns: { line: c.text().notNull() },
});

export const recentEvents = view('public', 'recent_events', { as: sql`SELECT id, kind FROM ${events} WHERE at > now() - interval '1 day'` });

/** Debug events are kept apart. */
export const routeDebug = rule(events, 'events_route_debug', {
  event: 'insert',
  where: sql`NEW.kind = 'debug'`,
  instead: true,
  action: sql`INSERT INTO ${debugEvents} VALUES (NEW.id, NEW.at)`,
  comment: 'debug events go to debug_events',
});

/** Every deletion is logged and announced. */
export const logDeletes = rule(events, 'events_log_deletes', {
  event: 'delete',
  action: sql`(INSERT INTO ${eventLog} VALUES ('deleted ' || OLD.id); NOTIFY events_deleted)`,
});

export const recentReadOnly = rule(recentEvents, 'recent_events_no_update', { event: 'update', instead: true, action: sql`NOTHING` });
