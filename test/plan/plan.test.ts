import { expect } from 'chai';
import type { Change } from '../../src/diff';
import { planChanges, planToJson, renderDown, renderUp, type Plan } from '../../src/plan';
import { check, col, enumOf, fk, index, key, pk, table } from '../sql/fixtures';
import { present } from '../support/present';

const sqls = (p: Plan) => p.steps.map((s) => s.sql);
const kinds = (p: Plan, i: number) => present(p.steps[i]).hazards.map((h) => h.kind);

describe('planChanges', () => {
  it('adds the foreign keys of a cycle between two new tables after both tables', () => {
    const a = table('public', 'a', [col('id', 'integer', { notNull: true }), col('b_id', 'integer')]);
    const b = table('public', 'b', [col('id', 'integer', { notNull: true }), col('a_id', 'integer')]);
    const changes: Change[] = [
      { kind: 'AddConstraint', constraint: fk('public', 'a', 'a_b_fkey', ['b_id'], 'b', ['id']) },
      { kind: 'CreateTable', table: a, constraints: [pk('public', 'a', 'a_pkey', ['id'])] },
      { kind: 'AddConstraint', constraint: fk('public', 'b', 'b_a_fkey', ['a_id'], 'a', ['id']) },
      { kind: 'CreateTable', table: b, constraints: [pk('public', 'b', 'b_pkey', ['id'])] },
    ];
    const plan = planChanges(changes);
    expect(plan.steps.map((s) => s.object)).to.deep.equal(['public.a', 'public.b', 'public.a.a_b_fkey', 'public.b.b_a_fkey']);
    expect(plan.steps.flatMap((s) => s.hazards)).to.deep.equal([]);
    expect(present(plan.steps[2]).sql).to.equal('ALTER TABLE public.a ADD CONSTRAINT a_b_fkey FOREIGN KEY (b_id) REFERENCES public.b (id)');
    expect(present(plan.steps[2]).reverse).to.equal('ALTER TABLE public.a DROP CONSTRAINT a_b_fkey');
    expect(present(plan.steps[0]).reverse).to.equal('DROP TABLE public.a');
  });

  it('converts a column to a new enum after creating it and before dropping the old enum', () => {
    const from = col('state', 'public.old_state', { default: "'on'::public.old_state", notNull: true });
    const to = col('state', 'public.state', { default: "'on'::public.state", notNull: true });
    const changes: Change[] = [
      { kind: 'DropEnum', enum: enumOf('public', 'old_state', ['on', 'off']) },
      { kind: 'AlterColumn', schema: 'public', table: 't', from, to },
      { kind: 'CreateEnum', enum: enumOf('public', 'state', ['on', 'off', 'unknown']) },
    ];
    const plan = planChanges(changes);
    expect(sqls(plan)).to.deep.equal([
      `CREATE TYPE public.state AS ENUM ('on', 'off', 'unknown')`,
      'ALTER TABLE public.t ALTER COLUMN state DROP DEFAULT',
      'ALTER TABLE public.t ALTER COLUMN state TYPE public.state USING state::text::public.state',
      `ALTER TABLE public.t ALTER COLUMN state SET DEFAULT 'on'::public.state`,
      'DROP TYPE public.old_state',
    ]);
    expect(kinds(plan, 2)).to.deep.equal(['table-rewrite', 'access-exclusive-lock', 'may-fail-on-data']);
    expect(present(plan.steps[2]).reverse).to.equal('ALTER TABLE public.t ALTER COLUMN state TYPE public.old_state USING state::text::public.old_state');
    expect(present(plan.steps[1]).reverse).to.equal(`ALTER TABLE public.t ALTER COLUMN state SET DEFAULT 'on'::public.old_state`);
    expect(present(plan.steps[4]).reverse).to.equal(`CREATE TYPE public.old_state AS ENUM ('on', 'off')`);
  });

  it('drops the foreign keys of a dropped table (both directions) before the table', () => {
    const a = table('public', 'a', [col('id', 'integer', { notNull: true }), col('c_id', 'integer')], { comment: 'the A' });
    const changes: Change[] = [
      { kind: 'DropTable', table: a, constraints: [pk('public', 'a', 'a_pkey', ['id'])] },
      { kind: 'DropConstraint', constraint: fk('public', 'b', 'b_a_fkey', ['a_id'], 'a', ['id']) },
      { kind: 'DropConstraint', constraint: fk('public', 'a', 'a_c_fkey', ['c_id'], 'c', ['id']) },
    ];
    const plan = planChanges(changes);
    expect(sqls(plan)).to.deep.equal(['ALTER TABLE public.b DROP CONSTRAINT b_a_fkey', 'ALTER TABLE public.a DROP CONSTRAINT a_c_fkey', 'DROP TABLE public.a']);
    expect(kinds(plan, 2)).to.deep.equal(['deletes-data']);
    expect(present(present(plan.steps[2]).hazards[0]).message).to.contain('public.a');
    expect(renderDown(plan)).to.contain(
      'CREATE TABLE public.a (\n  id integer NOT NULL,\n  c_id integer,\n  CONSTRAINT a_pkey PRIMARY KEY (id)\n);\n' +
        "COMMENT ON TABLE public.a IS 'the A';\n\nALTER TABLE public.a ADD CONSTRAINT a_c_fkey FOREIGN KEY (c_id) REFERENCES public.c (id);\n\n" +
        'ALTER TABLE public.b ADD CONSTRAINT b_a_fkey FOREIGN KEY (a_id) REFERENCES public.a (id);\n',
    );
  });

  it('drops an index before the column it covers', () => {
    const changes: Change[] = [
      { kind: 'DropColumn', schema: 'public', table: 't', column: col('x', 'text') },
      { kind: 'DropIndex', index: index('public', 't', 't_x_idx', [key('x')]) },
    ];
    const plan = planChanges(changes);
    expect(sqls(plan)).to.deep.equal(['DROP INDEX public.t_x_idx', 'ALTER TABLE public.t DROP COLUMN x']);
    expect(present(plan.steps[1]).reverse).to.equal('ALTER TABLE public.t ADD COLUMN x text');
    expect(present(plan.steps[0]).reverse).to.equal('CREATE INDEX t_x_idx ON public.t USING btree (x)');
  });

  it('puts renames first and drops before creates of the same name', () => {
    const changes: Change[] = [
      { kind: 'CreateIndex', index: index('public', 't', 'i', [key('b')]) },
      { kind: 'DropIndex', index: index('public', 't', 'i', [key('a')]) },
      { kind: 'RenameColumn', schema: 'public', table: 't', from: 'old', to: 'b' },
    ];
    expect(sqls(planChanges(changes))).to.deep.equal([
      'ALTER TABLE public.t RENAME COLUMN old TO b',
      'DROP INDEX public.i',
      'CREATE INDEX i ON public.t USING btree (b)',
    ]);
  });

  it('follows the phase order of creates: schema, extension, enum, table, column, constraint, fk, index, comment', () => {
    const t = table('app', 't', [col('id', 'integer', { notNull: true }), col('s', 'app.s')]);
    const changes: Change[] = [
      { kind: 'SetComment', target: { kind: 'Table', schema: 'app', name: 't' }, from: null, to: 'hi' },
      { kind: 'CreateIndex', index: index('app', 't', 't_s_idx', [key('s')]) },
      { kind: 'AddConstraint', constraint: fk('app', 'u', 'u_t_fkey', ['t_id'], 't', ['id']) },
      { kind: 'AddConstraint', constraint: check('app', 'u', 'u_check', 'x > 0') },
      { kind: 'AddColumn', schema: 'app', table: 'u', column: col('t_id', 'integer') },
      { kind: 'CreateTable', table: t, constraints: [pk('app', 't', 't_pkey', ['id'])] },
      { kind: 'CreateEnum', enum: enumOf('app', 's', ['x']) },
      { kind: 'CreateExtension', extension: { kind: 'Extension', name: 'pgcrypto', schema: 'app', version: null, comment: null } },
      { kind: 'CreateSchema', schema: { kind: 'Schema', name: 'app', comment: null } },
    ];
    const plan = planChanges(changes);
    expect(plan.steps.map((s) => s.change.kind)).to.deep.equal([
      'CreateSchema',
      'CreateExtension',
      'CreateEnum',
      'CreateTable',
      'AddColumn',
      'AddConstraint',
      'AddConstraint',
      'CreateIndex',
      'SetComment',
    ]);
    expect(present(plan.steps[5]).sql).to.contain('CHECK');
    // u exists already: adding to it is hazardous; t is new: its index is not.
    expect(kinds(plan, 5)).to.deep.equal(['may-fail-on-data']);
    expect(kinds(plan, 6)).to.deep.equal(['may-fail-on-data']);
    expect(kinds(plan, 7)).to.deep.equal([]);
  });

  it('sets AddColumn hazards only on existing tables', () => {
    const add = (column: ReturnType<typeof col>, t = 'users'): Change => ({ kind: 'AddColumn', schema: 'public', table: t, column });
    const hz = (c: Change, extra: Change[] = []) =>
      planChanges([...extra, c])
        .steps.at(-1)!
        .hazards.map((h) => h.kind);
    expect(hz(add(col('x', 'text', { notNull: true })))).to.deep.equal(['may-fail-on-data']);
    expect(hz(add(col('x', 'text', { notNull: true, default: "''::text" })))).to.deep.equal([]);
    expect(hz(add(col('x', 'timestamp with time zone', { default: 'now()' })))).to.deep.equal([]);
    expect(hz(add(col('x', 'uuid', { default: 'gen_random_uuid()' })))).to.deep.equal(['table-rewrite', 'access-exclusive-lock']);
    expect(hz(add(col('x', 'bigint', { identity: 'always', notNull: true })))).to.deep.equal(['table-rewrite', 'access-exclusive-lock']);
    expect(
      hz(add(col('x', 'text', { notNull: true }), 'fresh'), [
        { kind: 'CreateTable', table: table('public', 'fresh', [col('id', 'integer')]), constraints: [] },
      ]),
    ).to.deep.equal([]);
  });

  it('classifies column type changes', () => {
    const alter = (fromType: string, toType: string) =>
      planChanges([
        {
          kind: 'AlterColumn',
          schema: 'public',
          table: 't',
          from: col('c', fromType),
          to: col('c', toType),
        },
      ]).steps[0];
    const cases: [string, string, string[], string][] = [
      ['character varying(10)', 'character varying(20)', [], 'ALTER TABLE public.t ALTER COLUMN c TYPE character varying(20)'],
      ['character varying(20)', 'text', [], 'ALTER TABLE public.t ALTER COLUMN c TYPE text'],
      ['numeric(10,2)', 'numeric(12,2)', [], 'ALTER TABLE public.t ALTER COLUMN c TYPE numeric(12,2)'],
      ['integer', 'bigint', ['table-rewrite', 'access-exclusive-lock'], 'ALTER TABLE public.t ALTER COLUMN c TYPE bigint USING c::bigint'],
      [
        'character varying(20)',
        'character varying(10)',
        ['table-rewrite', 'access-exclusive-lock', 'may-fail-on-data'],
        'ALTER TABLE public.t ALTER COLUMN c TYPE character varying(10)',
      ], // no explicit cast: it would truncate (issue 10)
      ['text', 'integer', ['table-rewrite', 'access-exclusive-lock', 'may-fail-on-data'], 'ALTER TABLE public.t ALTER COLUMN c TYPE integer USING c::integer'],
      ['public.mood', 'text', ['table-rewrite', 'access-exclusive-lock'], 'ALTER TABLE public.t ALTER COLUMN c TYPE text USING c::text::text'],
      ['public.mood[]', 'text[]', ['table-rewrite', 'access-exclusive-lock'], 'ALTER TABLE public.t ALTER COLUMN c TYPE text[] USING c::text[]::text[]'],
    ];
    for (const [from, to, hazards, sql] of cases) {
      const s = present(alter(from, to));
      expect(
        s.hazards.map((h) => h.kind),
        `${from} → ${to}`,
      ).to.deep.equal(hazards);
      expect(s.sql, `${from} → ${to}`).to.equal(sql);
    }
  });

  it('plans NOT NULL, default, identity and serial changes with exact inverses', () => {
    const plan = (from: ReturnType<typeof col>, to: ReturnType<typeof col>) => planChanges([{ kind: 'AlterColumn', schema: 'public', table: 't', from, to }]);
    const nn = plan(col('c', 'integer'), col('c', 'integer', { notNull: true }));
    expect(sqls(nn)).to.deep.equal(['ALTER TABLE public.t ALTER COLUMN c SET NOT NULL']);
    expect(kinds(nn, 0)).to.deep.equal(['may-fail-on-data', 'access-exclusive-lock']);
    const ident = plan(col('c', 'integer', { default: '0' }), col('c', 'integer', { identity: 'always', notNull: true }));
    expect(sqls(ident)).to.deep.equal([
      'ALTER TABLE public.t ALTER COLUMN c DROP DEFAULT',
      'ALTER TABLE public.t ALTER COLUMN c SET NOT NULL',
      'ALTER TABLE public.t ALTER COLUMN c ADD GENERATED ALWAYS AS IDENTITY',
    ]);
    expect(ident.steps.map((s) => s.reverse)).to.deep.equal([
      'ALTER TABLE public.t ALTER COLUMN c SET DEFAULT 0',
      'ALTER TABLE public.t ALTER COLUMN c DROP NOT NULL',
      'ALTER TABLE public.t ALTER COLUMN c DROP IDENTITY',
    ]);
    const serial = plan(col('id', 'integer', { notNull: true }), col('id', 'serial', { notNull: true }));
    expect(sqls(serial)).to.deep.equal([
      'CREATE SEQUENCE public.t_id_seq AS integer OWNED BY public.t.id',
      `ALTER TABLE public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass)`,
    ]);
  });

  it('adds enum values outside the transaction, first, with a type-rebuilding reverse', () => {
    const e = enumOf('public', 'mood', ['sad', 'ok', 'happy']);
    const plan = planChanges([
      { kind: 'CreateTable', table: table('public', 'x', [col('m', 'public.mood')]), constraints: [] },
      { kind: 'AddEnumValue', enum: e, value: 'ok', before: 'happy', after: null },
    ]);
    expect(present(plan.steps[0]).sql).to.equal(`ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy'`);
    expect(present(plan.steps[0]).transactional).to.equal(false);
    expect(present(plan.steps[0]).hazards).to.deep.equal([]);
    expect(present(plan.steps[0]).reverse)
      .to.match(/^DO \$schemakit\$/)
      .and.contain(`CREATE TYPE public.mood AS ENUM ('sad', 'happy')`);
    expect(renderUp(plan)).to.contain('-- outside transaction\nALTER TYPE public.mood ADD VALUE');
  });

  it('recreates an enum with remapped values and converts its columns', () => {
    const from = enumOf('public', 'mood', ['sad', 'meh', 'happy']);
    const to = enumOf('public', 'mood', ['happy', 'sad']);
    const plan = planChanges([
      {
        kind: 'RecreateEnum',
        from,
        to,
        remap: { meh: 'sad' },
        columns: [{ schema: 'public', table: 'p', column: col('m', 'public.mood', { default: "'happy'::public.mood" }) }],
      },
    ]);
    expect(sqls(plan)).to.deep.equal([
      'ALTER TABLE public.p ALTER COLUMN m DROP DEFAULT',
      'ALTER TYPE public.mood RENAME TO mood__schemakit_old',
      `CREATE TYPE public.mood AS ENUM ('happy', 'sad')`,
      `ALTER TABLE public.p ALTER COLUMN m TYPE public.mood USING (CASE m::text WHEN 'meh' THEN 'sad' ELSE m::text END)::public.mood`,
      'DROP TYPE public.mood__schemakit_old',
      `ALTER TABLE public.p ALTER COLUMN m SET DEFAULT 'happy'::public.mood`,
    ]);
    // A remap keeps the data: the conversion may still fail (a remap to a value the new type lacks), but deletes nothing.
    expect(kinds(plan, 3)).to.deep.equal(['table-rewrite', 'access-exclusive-lock', 'may-fail-on-data']);
    const unmapped = planChanges([{ kind: 'RecreateEnum', from, to, remap: {}, columns: [{ schema: 'public', table: 'p', column: col('m', 'public.mood') }] }]);
    expect(unmapped.steps.flatMap((s) => s.hazards.map((h) => h.kind))).to.include.members(['deletes-data', 'may-fail-on-data']);
  });

  it('renders up, down and JSON', () => {
    const plan = planChanges([
      { kind: 'CreateSchema', schema: { kind: 'Schema', name: 'app', comment: null } },
      { kind: 'DropTable', table: table('public', 'old', [col('id', 'integer')]), constraints: [] },
    ]);
    expect(renderUp(plan)).to.equal(
      '-- schemakit migration: 2 statements\n-- hazards: deletes-data\n\n' +
        '-- hazard deletes-data: public.old: dropping the table deletes all its rows\nDROP TABLE public.old;\n\nCREATE SCHEMA app;\n',
    );
    expect(renderDown(plan)).to.equal(
      '-- schemakit migration (down): reverses 2 statements\n\nDROP SCHEMA app;\n\nCREATE TABLE public.old (\n  id integer\n);\n',
    );
    const json = planToJson(plan);
    expect(json.hazards).to.deep.equal(['deletes-data']);
    expect(json.steps[1]).to.deep.equal({
      sql: 'CREATE SCHEMA app',
      reverse: 'DROP SCHEMA app',
      irreversible: null,
      hazards: [],
      transactional: true,
      object: 'app',
      op: '+',
      change: 'CreateSchema',
      locks: [],
      timeouts: null,
    });
    expect(JSON.parse(JSON.stringify(json))).to.deep.equal(json);
  });
});
