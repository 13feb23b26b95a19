import { expect } from 'chai';
import { planRefresh, planVacuum, runMaintenance } from '../../src/health';
import { engines, useFreshDb } from '../support/engines';
import { queryRow } from '../../src/db';
import { present } from '../support/present';

for (const engine of engines) {
  describe(`health maintenance (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('vacuums every table one by one, or the named ones, or only the bloated ones', async () => {
      await db().exec(`CREATE SCHEMA s; CREATE TABLE s."Big" (id int, p text); CREATE TABLE small (id int);
        INSERT INTO s."Big" SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g; INSERT INTO small VALUES (1);
        DELETE FROM s."Big" WHERE id % 2 = 0; ANALYZE;`);
      expect((await planVacuum(db(), 'vacuum')).map((s) => s.sql)).to.deep.equal(['VACUUM (ANALYZE) public.small', 'VACUUM (ANALYZE) s."Big"']);
      expect((await planVacuum(db(), 'analyze', { tables: ['small'] })).map((s) => s.sql)).to.deep.equal(['ANALYZE public.small']);
      const bloated = await planVacuum(db(), 'vacuum', { full: true, ifBloatOverPct: 30 });
      expect(bloated.map((s) => s.sql)).to.deep.equal(['VACUUM (FULL, ANALYZE) s."Big"']);
      expect(present(bloated[0]).reason).to.match(/^bloat \d+(\.\d)?% \(estimate\)$/);
      // VACUUM FULL rewrites the table into a new file (how much it shrinks depends on other sessions' snapshots on a shared server).
      const fileOf = async () => (await queryRow<{ f: string }>(db(), `SELECT relfilenode::text AS f FROM pg_class WHERE oid = 's."Big"'::regclass`)).f;
      const before = await fileOf();
      const done = await runMaintenance(db(), bloated);
      expect(done.map((d) => [d.object, typeof d.ms])).to.deep.equal([['s.Big', 'number']]);
      expect(await fileOf()).to.not.equal(before);
      await planVacuum(db(), 'vacuum', { tables: ['nope'] }).then(
        () => expect.fail('resolved'),
        (e) => expect(e.message).to.equal('health: no table or materialized view named nope'),
      );
    });

    it('refreshes materialized views in dependency order, CONCURRENTLY when a unique index allows', async () => {
      await db().exec(`CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 1), (2, 2);
        CREATE MATERIALIZED VIEW z_base AS SELECT id, v FROM t; CREATE UNIQUE INDEX ON z_base (id);
        CREATE VIEW mid AS SELECT id, v * 2 AS w FROM z_base;
        CREATE MATERIALIZED VIEW a_top AS SELECT sum(w) AS total FROM mid;
        CREATE MATERIALIZED VIEW empty_one AS SELECT 1 AS x WITH NO DATA; CREATE UNIQUE INDEX ON empty_one (x);`);
      const steps = await planRefresh(db());
      expect(steps.map((s) => s.sql)).to.deep.equal([
        'REFRESH MATERIALIZED VIEW public.empty_one',
        'REFRESH MATERIALIZED VIEW CONCURRENTLY public.z_base',
        'REFRESH MATERIALIZED VIEW public.a_top',
      ]);
      await db().exec('INSERT INTO t VALUES (3, 3)');
      await runMaintenance(db(), steps);
      expect((await queryRow<{ total: string }>(db(), 'SELECT total FROM a_top')).total).to.equal('12');
      expect((await planRefresh(db(), ['a_top'])).map((s) => s.sql)).to.deep.equal(['REFRESH MATERIALIZED VIEW public.a_top']);
      await planRefresh(db(), ['t']).then(
        () => expect.fail('resolved'),
        (e) => expect(e.message).to.equal('health: no materialized view named t'),
      );
    });
  });
}
