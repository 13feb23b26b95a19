import { expect } from 'chai';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';

/**
 * The catalog queries read only rows with an OID at or above FirstNormalObjectId (16384) for every kind but
 * schemas (introspect/sql-fragments.ts userOid): a new database has no row below it in a schema of the
 * user's, on either engine. If a server ever made one, objects would go unseen: this test is the alarm.
 */
const BUILT_IN_ROWS_IN_USER_SCHEMAS = `
  WITH objects(catalog, oid, nsp) AS (
    SELECT 'pg_class', oid, relnamespace FROM pg_catalog.pg_class
    UNION ALL SELECT 'pg_type', oid, typnamespace FROM pg_catalog.pg_type
    UNION ALL SELECT 'pg_proc', oid, pronamespace FROM pg_catalog.pg_proc
    UNION ALL SELECT 'pg_constraint', oid, connamespace FROM pg_catalog.pg_constraint
    UNION ALL SELECT 'pg_collation', oid, collnamespace FROM pg_catalog.pg_collation
    UNION ALL SELECT 'pg_operator', oid, oprnamespace FROM pg_catalog.pg_operator
    UNION ALL SELECT 'pg_ts_config', oid, cfgnamespace FROM pg_catalog.pg_ts_config
    UNION ALL SELECT 'pg_ts_dict', oid, dictnamespace FROM pg_catalog.pg_ts_dict
    UNION ALL SELECT 'pg_statistic_ext', oid, stxnamespace FROM pg_catalog.pg_statistic_ext)
  SELECT o.catalog, n.nspname, o.oid::pg_catalog.int8 AS oid
    FROM objects o JOIN pg_catalog.pg_namespace n ON n.oid = o.nsp
   WHERE o.oid < '16384'::pg_catalog.oid AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`;

for (const engine of engines) {
  describe(`catalog rows below FirstNormalObjectId (${engine.name})`, () => {
    const db = useFreshDb(engine);

    it('a new database has none in a schema of the user', async () => {
      expect(await db().query(BUILT_IN_ROWS_IN_USER_SCHEMAS)).to.deep.equal([]);
    });

    it('objects made in public and in new schemas are all introspected', async () => {
      await db().exec(`CREATE TABLE public.t (id int PRIMARY KEY); CREATE SCHEMA s; CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
        CREATE TYPE public.e AS ENUM ('a'); GRANT SELECT ON public.t TO PUBLIC; COMMENT ON SCHEMA public IS 'kept'`);
      const cat = await introspect(db());
      expect(cat.tables.map((t) => `${t.schema}.${t.name}`)).to.deep.equal(['public.t']);
      expect(cat.routines.map((r) => `${r.schema}.${r.name}`)).to.deep.equal(['s.f']);
      expect(cat.enums.map((e) => `${e.schema}.${e.name}`)).to.deep.equal(['public.e']);
      expect((cat.grants ?? []).map((g) => `${g.object} ${g.name} ${g.privilege} ${g.grantee}`).sort()).to.deep.equal([
        'schema public USAGE PUBLIC',
        'table t SELECT PUBLIC',
      ]);
      expect(cat.schemas.find((s) => s.name === 'public')?.comment).to.equal('kept');
    });
  });
}
