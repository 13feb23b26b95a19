import { ident, literal, qualified } from './quote';

/** Name of the temporary name an enum type gets while it is being recreated. */
export function enumTempName(name: string): string {
  return `${name.slice(0, 50)}__schemakit_old`;
}

/**
 * A `DO` block that recreates enum `schema.name` with exactly `values`, converting every table column of
 * the type (or an array of it) through text and keeping its default. Postgres cannot drop an enum value,
 * so this is how an `ADD VALUE` is undone; it fails (and changes nothing) if a removed value is in use.
 * The columns are found when it runs, so it needs no knowledge of the catalog.
 */
export function rebuildEnumSql(schema: string, name: string, values: readonly string[]): string {
  const type = qualified(schema, name);
  const tmp = enumTempName(name);
  const body = `
DECLARE
  r record;
  rels text[] := '{}';
  cols text[] := '{}';
  arrs boolean[] := '{}';
  defs text[] := '{}';
  typ text := ${literal(type)};
BEGIN
  FOR r IN
    SELECT a.attrelid::regclass::text AS rel, a.attname::text AS col, a.atttypid <> t.oid AS arr,
           pg_get_expr(d.adbin, d.adrelid) AS def
    FROM pg_type t
    JOIN pg_attribute a ON a.atttypid IN (t.oid, t.typarray) AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE t.oid = typ::regtype
  LOOP
    rels := rels || r.rel; cols := cols || r.col; arrs := arrs || r.arr; defs := defs || r.def;
    IF r.def IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP DEFAULT', r.rel, r.col);
    END IF;
  END LOOP;
  ALTER TYPE ${type} RENAME TO ${ident(tmp)};
  CREATE TYPE ${type} AS ENUM (${values.map(literal).join(', ')});
  FOR i IN 1 .. coalesce(array_length(rels, 1), 0) LOOP
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I TYPE %s USING %I::%s::%s', rels[i], cols[i],
      typ || CASE WHEN arrs[i] THEN '[]' ELSE '' END, cols[i],
      CASE WHEN arrs[i] THEN 'text[]' ELSE 'text' END, typ || CASE WHEN arrs[i] THEN '[]' ELSE '' END);
    IF defs[i] IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', rels[i], cols[i], defs[i]);
    END IF;
  END LOOP;
  DROP TYPE ${qualified(schema, tmp)};
END
`;
  let tag = '$schemakit$';
  for (let n = 1; body.includes(tag); n++) tag = `$schemakit${n}$`;
  return `DO ${tag}${body}${tag}`;
}
