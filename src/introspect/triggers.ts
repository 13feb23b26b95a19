import type { EventTrigger, Trigger, TriggerEvent, TriggerTiming } from '../model';
import type { Db } from '../db';
import type { Dependencies } from './dependencies';
import { commentJoin, userObject, userSchema } from './sql-fragments';

/**
 * User triggers on tables and views (not the internal ones behind foreign keys, nor the clones a
 * partitioned table's trigger makes on its partitions, `tgparentid`, PostgreSQL 13+). `tgargs` is read as
 * hex (it is a NUL-separated bytea) and the WHEN condition is cut out of `pg_get_triggerdef`, which is the
 * only function that deparses it with `OLD`/`NEW`.
 */
const SQL = `
SELECT t.oid, n.nspname AS schema, c.relname AS "table", t.tgname AS name, t.tgtype AS type,
       (SELECT pg_catalog.json_agg(a.attname ORDER BY k.ord)
          FROM pg_catalog.unnest(t.tgattr::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum) AS update_of,
       pg_catalog.pg_get_triggerdef(t.oid) AS definition, fn.nspname AS function_schema, p.proname AS function_name,
       pg_catalog.encode(t.tgargs, 'hex') AS args, t.tgnargs AS nargs, t.tgconstraint <> 0 AS "constraint",
       t.tgdeferrable AS deferrable, t.tginitdeferred AS initially_deferred, t.tgenabled AS enabled,
       t.tgoldtable AS old_table, t.tgnewtable AS new_table, d.description AS comment
  FROM pg_catalog.pg_trigger t
  JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
  JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace
  ${commentJoin('d', 'pg_trigger', 't.oid')}
 WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${userSchema('n')} AND ${userObject('pg_trigger', 't.oid')}`;

interface Row {
  oid: number;
  schema: string;
  table: string;
  name: string;
  type: number;
  update_of: string[] | null;
  definition: string;
  function_schema: string;
  function_name: string;
  args: string;
  nargs: number;
  constraint: boolean;
  deferrable: boolean;
  initially_deferred: boolean;
  enabled: 'O' | 'D' | 'R' | 'A';
  old_table: string | null;
  new_table: string | null;
  comment: string | null;
}

/** pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h). */
const ROW = 1,
  BEFORE = 2,
  INSERT = 4,
  DELETE = 8,
  UPDATE = 16,
  TRUNCATE = 32,
  INSTEAD = 64;

/** The WHEN condition as pg_get_triggerdef prints it: between `WHEN (` and the `) EXECUTE` that ends it. */
export function whenOf(definition: string): string | null {
  const start = definition.indexOf(' WHEN (');
  const end = definition.lastIndexOf(') EXECUTE ');
  return start < 0 || end < start ? null : definition.slice(start + 7, end);
}

/** The NUL-terminated trigger arguments. */
function argsOf(hex: string, n: number): string[] {
  const parts = Buffer.from(hex, 'hex').toString('utf8').split('\u0000');
  return parts.slice(0, n);
}

function toTrigger(r: Row, deps: Dependencies): Trigger {
  const type = Number(r.type);
  const timing: TriggerTiming = type & INSTEAD ? 'instead-of' : type & BEFORE ? 'before' : 'after';
  const events: TriggerEvent[] = [];
  if (type & INSERT) events.push('insert');
  if (type & DELETE) events.push('delete');
  if (type & UPDATE) events.push('update');
  if (type & TRUNCATE) events.push('truncate');
  return {
    kind: 'Trigger',
    schema: r.schema,
    table: r.table,
    name: r.name,
    timing,
    events,
    updateOf: r.update_of ?? [],
    forEachRow: (type & ROW) !== 0,
    when: whenOf(r.definition),
    functionSchema: r.function_schema,
    functionName: r.function_name,
    args: argsOf(r.args, Number(r.nargs)),
    constraint: r.constraint,
    deferrable: r.deferrable,
    initiallyDeferred: r.initially_deferred,
    dependsOn: deps.triggers.get(Number(r.oid)) ?? [],
    comment: r.comment ?? null,
    ...(r.enabled === 'O' ? {} : { enabled: r.enabled }),
    ...(r.old_table === null ? {} : { oldTable: r.old_table }),
    ...(r.new_table === null ? {} : { newTable: r.new_table }),
  };
}

/** Triggers of user tables and views, one query. */
export async function introspectTriggers(db: Db, deps: Dependencies): Promise<Trigger[]> {
  return (await db.query<Row>(SQL)).map((r) => toTrigger(r, deps));
}

const EVENT_SQL = `
SELECT e.evtname AS name, e.evtevent AS event, e.evttags AS tags, e.evtenabled AS enabled,
       fn.nspname AS function_schema, p.proname AS function_name, d.description AS comment
  FROM pg_catalog.pg_event_trigger e
  JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid
  JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace
  ${commentJoin('d', 'pg_event_trigger', 'e.oid')}
 WHERE ${userObject('pg_event_trigger', 'e.oid')}`;

/** Event triggers (database-wide), one query. */
export async function introspectEventTriggers(db: Db): Promise<EventTrigger[]> {
  const rows = await db.query<{
    name: string;
    event: string;
    tags: string[] | null;
    enabled: EventTrigger['enabled'];
    function_schema: string;
    function_name: string;
    comment: string | null;
  }>(EVENT_SQL);
  return rows.map((r) => ({
    kind: 'EventTrigger',
    name: r.name,
    event: r.event,
    tags: [...(r.tags ?? [])].sort(),
    functionSchema: r.function_schema,
    functionName: r.function_name,
    enabled: r.enabled,
    comment: r.comment ?? null,
  }));
}
