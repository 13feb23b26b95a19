const { PGlite } = require('@electric-sql/pglite');
(async () => {
  for (let i = 0; i < 3; i++) { const t = Date.now(); const db = new PGlite(); await db.query('select 1'); console.log('new', Date.now()-t); await db.close(); }
  const db = new PGlite(); await db.query('select 1');
  let t = Date.now();
  const c = await db.clone(); await c.query('select 1'); console.log('clone', Date.now()-t);
  await db.exec(`create table t(id int primary key); alter table t drop constraint t_pkey; select conname, contype from pg_constraint where conrelid='t'::regclass`);
  console.log((await db.query(`select attname, attnotnull from pg_attribute where attrelid='t'::regclass and attnum>0`)).rows);
  await db.exec(`create table t2(id int not null primary key); alter table t2 drop constraint t2_pkey;`);
  console.log((await db.query(`select attname, attnotnull from pg_attribute where attrelid='t2'::regclass and attnum>0`)).rows);
  console.log((await db.query(`select nspname, obj_description(oid,'pg_namespace'), nspowner::regrole from pg_namespace`)).rows);
})();
