import { expect } from 'chai';
import { queryRow, type Db } from '../../src/db';
import type { Change } from '../../src/diff';
import { applyPlan } from '../../src/apply';
import { hazardKinds, planChanges, renderDown } from '../../src/plan';
import { col, enumOf, fk, index, key, pk, table } from '../sql/fixtures';
import { engines } from '../support/engines';
import { rejection } from '../support/rejection';

const scalar = async (db: Db, sql: string) => Object.values(await queryRow(db, sql))[0];

for (const engine of engines) {
  describe(`applyPlan on ${engine.name}`, function () {
    this.timeout(120_000);
    let db: Db;
    beforeEach(async function () {
      this.timeout(60_000);
      db = await engine.fresh();
    });
    afterEach(async () => {
      await db.close();
    });

    it('applies a plan (FK cycle, enum, index, comment) and its down script restores the start', async () => {
      const a = table('app', 'a', [col('id', 'integer', { notNull: true }), col('b_id', 'integer'), col('m', 'app.mood', { default: "'ok'::app.mood" })]);
      const b = table('app', 'b', [col('id', 'bigint', { identity: 'always', notNull: true }), col('a_id', 'integer')]);
      const changes: Change[] = [
        { kind: 'SetComment', target: { kind: 'Column', schema: 'app', table: 'a', name: 'm' }, from: null, to: "how it's going" },
        { kind: 'CreateIndex', index: index('app', 'a', 'a_m_idx', [key('m')], { where: "(m <> 'ok'::app.mood)" }) },
        { kind: 'AddConstraint', constraint: fk('app', 'a', 'a_b_fkey', ['b_id'], 'b', ['id'], { onDelete: 'set-null' }) },
        { kind: 'AddConstraint', constraint: fk('app', 'b', 'b_a_fkey', ['a_id'], 'a', ['id'], { deferrable: true, initiallyDeferred: true }) },
        { kind: 'CreateTable', table: a, constraints: [pk('app', 'a', 'a_pkey', ['id'])] },
        { kind: 'CreateTable', table: b, constraints: [pk('app', 'b', 'b_pkey', ['id'])] },
        { kind: 'CreateEnum', enum: enumOf('app', 'mood', ['ok', 'not ok']) },
        { kind: 'CreateSchema', schema: { kind: 'Schema', name: 'app', comment: null } },
      ];
      const plan = planChanges(changes);
      const seen: number[] = [];
      const result = await applyPlan(db, plan, { onStep: (_s, i) => seen.push(i) });
      expect(result.applied).to.equal(plan.steps.length);
      expect(result.chunks).to.equal(1);
      expect(seen).to.deep.equal(plan.steps.map((_, i) => i));
      expect(await scalar(db, "SELECT count(*)::int FROM pg_constraint WHERE contype = 'f'")).to.equal(2);
      expect(await scalar(db, "SELECT col_description('app.a'::regclass, 3)")).to.equal("how it's going");
      await db.exec(renderDown(plan));
      expect(await scalar(db, "SELECT count(*)::int FROM pg_namespace WHERE nspname = 'app'")).to.equal(0);
    });

    it('rolls back everything when a statement fails and names it', async () => {
      await db.exec('CREATE TABLE public.t (id integer); INSERT INTO public.t VALUES (1)');
      const plan = planChanges([
        { kind: 'CreateTable', table: table('public', 'x', [col('id', 'integer')]), constraints: [] },
        { kind: 'AddColumn', schema: 'public', table: 't', column: col('y', 'text', { notNull: true }) },
      ]);
      // Without the pre-flight checks, which would refuse first (see preflight.test.ts).
      const e = await rejection(applyPlan(db, plan, { preflight: false }));
      expect(e.code).to.equal('statement-failed');
      expect(e.message).to.contain('statement 2 of 2 (public.t.y): ALTER TABLE public.t ADD COLUMN y text NOT NULL');
      expect(e.message).to.contain('contains null values');
      expect(e.message).to.contain('Nothing was applied');
      expect(await scalar(db, "SELECT to_regclass('public.x') IS NULL")).to.equal(true);
    });

    it('refuses deletes-data hazards unless allowed, before running anything', async () => {
      await db.exec('CREATE TABLE public.t (id integer)');
      const plan = planChanges([
        { kind: 'CreateTable', table: table('public', 'x', [col('id', 'integer')]), constraints: [] },
        { kind: 'DropTable', table: table('public', 't', [col('id', 'integer')]), constraints: [] },
      ]);
      const e = await rejection(applyPlan(db, plan, { allowHazards: ['table-rewrite'] }));
      expect(e.code).to.equal('hazard-refused');
      expect(e.message).to.contain('public.t: dropping the table deletes all its rows');
      expect(await scalar(db, "SELECT to_regclass('public.x') IS NULL AND to_regclass('public.t') IS NOT NULL")).to.equal(true);
      await applyPlan(db, plan, { allowHazards: ['deletes-data'] });
      expect(await scalar(db, "SELECT to_regclass('public.x') IS NOT NULL AND to_regclass('public.t') IS NULL")).to.equal(true);
    });

    it('adds enum values before the transaction, so the plan can use them; down removes them again', async () => {
      await db.exec(`CREATE TYPE public.mood AS ENUM ('sad', 'happy');
        CREATE TABLE public.p (m public.mood DEFAULT 'sad', ms public.mood[]);
        INSERT INTO public.p VALUES ('happy', '{sad,happy}')`);
      const mood = enumOf('public', 'mood', ['sad', 'ok', 'happy', 'great']);
      const plan = planChanges([
        { kind: 'AddColumn', schema: 'public', table: 'p', column: col('q', 'public.mood', { default: "'ok'::public.mood" }) },
        { kind: 'AddEnumValue', enum: mood, value: 'ok', before: 'happy', after: null },
        { kind: 'AddEnumValue', enum: mood, value: 'great', before: null, after: null },
      ]);
      expect(plan.steps.map((s) => s.transactional)).to.deep.equal([false, false, true]);
      const r = await applyPlan(db, plan);
      expect(r).to.include({ applied: 3, chunks: 1 });
      expect(await scalar(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'public.mood'::regtype")).to.equal(
        'sad,ok,happy,great',
      );
      expect(await scalar(db, 'SELECT q::text FROM public.p')).to.equal('ok');
      await db.exec(renderDown(plan));
      expect(await scalar(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'public.mood'::regtype")).to.equal(
        'sad,happy',
      );
      expect(await scalar(db, "SELECT m::text || ' ' || ms::text FROM public.p")).to.equal('happy {sad,happy}');
      expect(await scalar(db, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'public.p'::regclass")).to.match(/^'sad'::/);
    });

    it('recreates an enum with a remap, converting scalar and array columns, and back', async () => {
      await db.exec(`CREATE TYPE public.mood AS ENUM ('sad', 'meh', 'happy');
        CREATE TABLE public.p (m public.mood NOT NULL DEFAULT 'happy', ms public.mood[]);
        INSERT INTO public.p VALUES ('meh', '{meh,sad}')`);
      const plan = planChanges([
        {
          kind: 'RecreateEnum',
          from: enumOf('public', 'mood', ['sad', 'meh', 'happy']),
          to: enumOf('public', 'mood', ['happy', 'sad']),
          remap: { meh: 'sad' },
          columns: [
            { schema: 'public', table: 'p', column: col('m', 'public.mood', { notNull: true, default: "'happy'::public.mood" }) },
            { schema: 'public', table: 'p', column: col('ms', 'public.mood[]') },
          ],
        },
      ]);
      await applyPlan(db, plan);
      expect(await scalar(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'public.mood'::regtype")).to.equal(
        'happy,sad',
      );
      expect(await scalar(db, "SELECT m::text || ' ' || ms::text FROM public.p")).to.equal('sad {sad,sad}');
      expect(await scalar(db, "SELECT count(*)::int FROM pg_type WHERE typname LIKE 'mood__schemakit%'")).to.equal(0);
      await db.exec(renderDown(plan));
      expect(await scalar(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'public.mood'::regtype")).to.equal(
        'sad,meh,happy',
      );
      expect(await scalar(db, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'public.p'::regclass")).to.match(/^'happy'::/);
    });

    it('alters column types, defaults, identity, serial and generation in place, and back', async () => {
      await db.exec(`CREATE TABLE public.c (a integer DEFAULT 0, b text, v character varying(10), n integer NOT NULL, k integer,
        g integer GENERATED ALWAYS AS (k * 2) STORED, i integer NOT NULL);
        INSERT INTO public.c (a, b, v, n, k, i) VALUES (1, '42', 'x', 1, 5, 1)`);
      const alter = (from: ReturnType<typeof col>, to: ReturnType<typeof col>): Change => ({ kind: 'AlterColumn', schema: 'public', table: 'c', from, to });
      const plan = planChanges([
        alter(col('a', 'integer', { default: '0' }), col('a', 'bigint', { default: '1', notNull: true })),
        alter(col('b', 'text'), col('b', 'integer')),
        alter(col('v', 'character varying(10)'), col('v', 'text', { collation: 'pg_catalog."C"' })),
        alter(col('n', 'integer', { notNull: true }), col('n', 'serial', { notNull: true })),
        alter(col('g', 'integer', { generated: '(k * 2)' }), col('g', 'integer', { generated: '(k * 3)' })),
        alter(col('i', 'integer', { notNull: true }), col('i', 'integer', { notNull: true, identity: 'by-default' })),
      ]);
      await applyPlan(db, plan, { allowHazards: hazardKinds });
      const row = await db.query<Record<string, unknown>>('SELECT a::text, b, v, g FROM public.c');
      expect(row[0]).to.deep.equal({ a: '1', b: 42, v: 'x', g: 15 });
      expect(await scalar(db, "SELECT pg_get_serial_sequence('public.c', 'n')")).to.equal('public.c_n_seq');
      expect(await scalar(db, "SELECT attidentity FROM pg_attribute WHERE attrelid = 'public.c'::regclass AND attname = 'i'")).to.equal('d');
      await db.exec(renderDown(plan));
      const types = await db.query<{ attname: string; t: string }>(
        "SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'public.c'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname",
      );
      expect(Object.fromEntries(types.map((t) => [t.attname, t.t]))).to.deep.equal({
        a: 'integer',
        b: 'text',
        v: 'character varying(10)',
        n: 'integer',
        k: 'integer',
        g: 'integer',
        i: 'integer',
      });
      expect(await scalar(db, "SELECT pg_get_serial_sequence('public.c', 'n')")).to.equal(null);
      expect(
        await scalar(
          db,
          "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef a JOIN pg_attribute t ON t.attrelid = a.adrelid AND t.attnum = a.adnum WHERE adrelid = 'public.c'::regclass AND attname = 'g'",
        ),
      ).to.equal('(k * 2)');
    });
  });
}
