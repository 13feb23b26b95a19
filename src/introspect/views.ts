import { normalizeExpression, type CheckOption, type ColumnStorage, type View, type ViewColumn, type ViewColumnSettings } from '../model';
import type { Db } from '../db';
import type { Dependencies } from './dependencies';
import { commentJoin, userObject, userSchema } from './sql-fragments';
import { storageParameters } from './table-shapes';

/** Views and materialized views with their output columns (pg_get_viewdef prints the query). */
const VIEWS_SQL = `
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       pg_catalog.pg_get_viewdef(c.oid) AS definition, c.reloptions AS options, c.relispopulated AS populated,
       d.description AS comment,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(a.attname, cd.description) ORDER BY a.attname COLLATE "C")
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_description cd ON cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND cd.objoid = c.oid AND cd.objsubid = a.attnum
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS column_comments,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(a.attname, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
                 NULLIF(a.attstattarget, -1), NULLIF(a.attstorage, t.typstorage)) ORDER BY a.attname COLLATE "C")
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
          LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           AND (ad.adbin IS NOT NULL OR NULLIF(a.attstattarget, -1) IS NOT NULL OR a.attstorage <> t.typstorage)) AS column_settings
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  ${commentJoin('d', 'pg_class', 'c.oid')}
 WHERE c.relkind IN ('v', 'm') AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}`;

interface ViewRow {
  relid: number;
  schema: string;
  name: string;
  materialized: boolean;
  definition: string;
  options: string[] | null;
  populated: boolean;
  comment: string | null;
  columns: [string, string][] | null;
  column_comments: [string, string][] | null;
  column_settings: [string, string | null, number | null, string | null][] | null;
}

const truthy = (v: string | undefined) => v !== undefined && ['true', 'on', 'yes', '1'].includes(v.toLowerCase());

/** `reloptions` (`name=value` strings) as a map. */
function optionMap(options: readonly string[] | null): Map<string, string> {
  return new Map(
    (options ?? []).map((o) => {
      const i = o.indexOf('=');
      return [o.slice(0, i), o.slice(i + 1)] as const;
    }),
  );
}

const storages: Record<string, ColumnStorage> = { p: 'plain', e: 'external', x: 'extended', m: 'main' };

/** One output column's settings from [name, default, statistics target, storage unless the type's]. */
function columnSettings([column, expr, target, storage]: [string, string | null, number | null, string | null]): ViewColumnSettings {
  const kept = storage === null ? undefined : storages[storage];
  return {
    column,
    ...(expr === null ? {} : { default: normalizeExpression(expr) }),
    ...(target === null ? {} : { statistics: Number(target) }),
    ...(kept === undefined ? {} : { storage: kept }),
  };
}

/** Views and materialized views, with their options and what they depend on. */
export async function introspectViews(db: Db, deps: Dependencies): Promise<View[]> {
  const rows = await db.query<ViewRow>(VIEWS_SQL);
  return rows.map((r) => {
    const o = optionMap(r.options);
    const columns: ViewColumn[] = (r.columns ?? []).map(([name, type]) => ({ name, type }));
    return {
      kind: 'View',
      schema: r.schema,
      name: r.name,
      materialized: r.materialized,
      definition: r.definition.trim().replace(/;$/, ''),
      columns,
      checkOption: (o.get('check_option') as CheckOption | undefined) ?? null,
      securityBarrier: truthy(o.get('security_barrier')),
      securityInvoker: truthy(o.get('security_invoker')),
      withData: r.populated,
      storageParameters: r.materialized ? storageParameters(r.options) : [],
      dependsOn: deps.views.get(Number(r.relid)) ?? [],
      comment: r.comment ?? null,
      columnComments: (r.column_comments ?? []).map(([column, comment]) => ({ column, comment })),
      ...(r.column_settings === null ? {} : { columnSettings: r.column_settings.map(columnSettings) }),
    };
  });
}
