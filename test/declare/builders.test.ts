import { expect } from 'chai';
import {
  c,
  check,
  collectDeclarations,
  enumType,
  extension,
  foreignKey,
  index,
  key,
  primaryKey,
  schema,
  sql,
  table,
  unique,
  value,
  type ColumnRef,
} from '../../src/declare';
import type { Column, Constraint, Index } from '../../src/model';
import { present } from '../support/present';

const col = (cols: readonly Column[], name: string) => cols.find((x) => x.name === name) as Column;

describe('declare: builders → model', () => {
  const s = schema('app', { comment: 'The app' });
  const tier = enumType(s, 'tier', ['free', value('pro', { renamedFrom: 'paid' })], { comment: 'Plans', renamedFrom: 'plan' });
  const ext = extension('pgcrypto', { schema: s, version: '1.3', comment: 'crypto' });
  const orgs = table(s, 'orgs', {
    comment: 'Tenants',
    renamedFrom: 'organizations',
    columns: {
      id: c
        .uuid()
        .primaryKey()
        .default(sql`gen_random_uuid()`),
      name: c.varchar(255).notNull().unique().comment('Display name'),
      tier: c.enum(tier).notNull().default('free'),
      tags: c.text().array().default(['a', 'b c']),
      grid: c.integer().array().array(),
      amount: c.numeric(12, 2).notNull().default(0),
      settings: c.jsonb().default({ a: [1, 'x'] }),
      seq: c.bigint().generatedAlwaysAsIdentity(),
      seq2: c.integer().generatedByDefaultAsIdentity(),
      total: c.numeric(12, 2).generatedAlwaysAs((t) => sql`${t.amount} * 2`),
      code: c.text().collate('C').renamedFrom('old_code'),
      flag: c.boolean().default(false),
      neg: c.integer().default(-1),
      note: c.text().default("it's"),
    },
  });
  const declared = collectDeclarations([{ orgs, ext }]);
  const t = present(declared.catalog.tables[0]);

  it('schemas, extensions and enums with comments', () => {
    expect(declared.catalog.schemas).to.deep.equal([{ kind: 'Schema', name: 'app', comment: 'The app' }]);
    expect(declared.catalog.extensions).to.deep.equal([{ kind: 'Extension', name: 'pgcrypto', schema: 'app', version: '1.3', comment: 'crypto' }]);
    expect(declared.catalog.enums).to.deep.equal([{ kind: 'Enum', schema: 'app', name: 'tier', values: ['free', 'pro'], comment: 'Plans' }]);
  });

  it('column types as written, enum types qualified, arrays', () => {
    expect(t.columns.map((x) => x.type)).to.deep.equal([
      'uuid',
      'varchar(255)',
      'app.tier',
      'text[]',
      'integer[][]',
      'numeric(12,2)',
      'jsonb',
      'bigint',
      'integer',
      'numeric(12,2)',
      'text',
      'boolean',
      'integer',
      'text',
    ]);
    const all = table('every', {
      columns: {
        a: c.smallint(),
        b: c.integer(),
        d: c.bigint(),
        e: c.numeric(),
        f: c.numeric(5),
        g: c.real(),
        h: c.doublePrecision(),
        i: c.text(),
        j: c.varchar(),
        k: c.char(3),
        l: c.boolean(),
        m: c.date(),
        n: c.time(),
        o: c.timetz(3),
        p: c.timestamp(),
        q: c.timestamptz(6),
        r: c.interval(),
        u: c.uuid(),
        v: c.json(),
        w: c.jsonb(),
        x: c.bytea(),
        y: c.inet(),
        z: c.cidr(),
        s1: c.serial(),
        s2: c.bigserial(),
        s3: c.smallserial(),
        any: c.type('citext'),
      },
    });
    const types = present(collectDeclarations([{ all }]).catalog.tables[0]).columns.map((x) => x.type);
    expect(types).to.deep.equal([
      'smallint',
      'integer',
      'bigint',
      'numeric',
      'numeric(5)',
      'real',
      'double precision',
      'text',
      'varchar',
      'char(3)',
      'boolean',
      'date',
      'time',
      'timetz(3)',
      'timestamp',
      'timestamptz(6)',
      'interval',
      'uuid',
      'json',
      'jsonb',
      'bytea',
      'inet',
      'cidr',
      'serial',
      'bigserial',
      'smallserial',
      'citext',
    ]);
  });

  it('defaults: SQL, string, number, boolean, JSON, arrays', () => {
    const defaults = Object.fromEntries(t.columns.map((x) => [x.name, x.default]));
    expect(defaults).to.deep.include({
      id: 'gen_random_uuid()',
      tier: "'free'",
      tags: `'{"a","b c"}'`,
      amount: '0',
      settings: `'{"a":[1,"x"]}'`,
      flag: 'false',
      neg: '-1',
      note: "'it''s'",
      seq: null,
      total: null,
    });
  });

  it('NOT NULL, identity, generated, collation, comments', () => {
    expect(col(t.columns, 'id').notNull, 'pk implies not null').to.equal(true);
    expect(col(t.columns, 'seq')).to.include({ identity: 'always', notNull: true });
    expect(col(t.columns, 'seq2')).to.include({ identity: 'by-default' });
    expect(col(t.columns, 'total')).to.include({ generated: 'amount * 2', default: null });
    expect(col(t.columns, 'code')).to.include({ collation: '"C"' });
    expect(col(t.columns, 'name')).to.include({ notNull: true, comment: 'Display name' });
    expect(col(t.columns, 'tags').notNull).to.equal(false);
    expect(t.comment).to.equal('Tenants');
  });

  it('implicit names for column-level constraints', () => {
    expect(declared.catalog.constraints.map((x) => `${x.kind}:${x.name}`)).to.deep.equal(['Unique:orgs_name_key', 'PrimaryKey:orgs_pkey']);
  });

  it('rename intents', () => {
    expect(declared.renames).to.deep.equal({
      tables: [{ schema: 'app', from: 'organizations', to: 'orgs' }],
      columns: [{ schema: 'app', table: 'orgs', from: 'old_code', to: 'code' }],
      indexes: [],
      constraints: [],
      enums: [{ schema: 'app', from: 'plan', to: 'tier' }],
      enumValues: [{ schema: 'app', enum: 'tier', from: 'paid', to: 'pro' }],
      views: [],
      routines: [],
      triggers: [],
      policies: [],
    });
  });

  it('objects reachable only through references are collected (schema, enum)', () => {
    expect(declared.catalog.enums).to.have.length(1);
    expect(declared.catalog.schemas).to.have.length(1);
  });

  describe('table-level constraints and indexes', () => {
    const parent = table(s, 'parent', {
      columns: {
        a: c.integer().notNull(),
        b: c.integer().notNull(),
        email: c.text(),
        deleted_at: c.timestamptz(),
        data: c.jsonb(),
        created_at: c.timestamptz(),
      },
      primaryKey: (t) => primaryKey(t.a, t.b).named('parent_pk').comment('pk'),
      uniques: (t) => [unique('uq_email', [t.email]).nullsNotDistinct(), unique([t.b, t.email]).deferrable({ initiallyDeferred: true })],
      checks: (t) => [check('valid_a', sql`${t.a} BETWEEN ${1} AND ${10}`).comment('range'), check(sql`${t.b} > 0`), check(sql`${t.a} < ${t.b}`).noInherit()],
      indexes: (t) => [
        index()
          .on(sql`lower(${t.email})`)
          .unique()
          .where(sql`${t.deleted_at} IS NULL`)
          .include(t.a),
        index('idx_data').on(t.data).using('gin').opclass('jsonb_path_ops').comment('search'),
        index().on(
          t.created_at.desc(),
          t.a.nullsFirst(),
          key(sql`${t.b} + 1`)
            .desc()
            .nullsLast(),
          t.email.collate('C').opclass('text_pattern_ops'),
        ),
        index().on(t.a, t.a),
      ],
    });
    const child = table('public', 'child', {
      columns: {
        id: c.serial().primaryKey({ name: 'child_id' }),
        pa: c.integer(),
        pb: c.integer(),
        self: c.integer().references((): ColumnRef => child.columns.id, { onDelete: 'set-null', deferrable: true }),
      },
      foreignKeys: (t) => [
        foreignKey([t.pa, t.pb])
          .references(() => parent)
          .onDelete('cascade')
          .onUpdate('restrict')
          .match('full')
          .initiallyDeferred()
          .renamedFrom('old_fk'),
        foreignKey('fk_named', ['pb', 'pa']).references(() => [parent.columns.b, parent.columns.a]),
      ],
    });
    const d = collectDeclarations([{ child }]);
    const cons = (name: string) => d.catalog.constraints.find((x) => x.name === name) as Constraint;
    const idx = (name: string) => d.catalog.indexes.find((x) => x.name === name) as Index;

    it('composite primary key, uniques, checks with implicit and explicit names', () => {
      expect(d.catalog.constraints.map((x) => x.name)).to.deep.equal([
        'parent_b_check',
        'parent_b_email_key',
        'parent_check',
        'parent_pk',
        'uq_email',
        'valid_a',
        'child_id',
        'child_pa_pb_fkey',
        'child_self_fkey',
        'fk_named',
      ]);
      expect(cons('parent_pk')).to.deep.include({ kind: 'PrimaryKey', columns: ['a', 'b'], comment: 'pk' });
      expect(cons('uq_email')).to.deep.include({ kind: 'Unique', columns: ['email'], nullsNotDistinct: true });
      expect(cons('parent_b_email_key')).to.deep.include({ deferrable: true, initiallyDeferred: true });
      expect(cons('valid_a')).to.deep.include({ kind: 'Check', expression: 'a BETWEEN 1 AND 10', comment: 'range', noInherit: false });
    });

    it('check names follow the columns the expression mentions', () => {
      const checks = d.catalog.constraints.filter((x) => x.kind === 'Check').map((x) => [x.name, (x as { expression: string }).expression]);
      expect(checks).to.deep.include.members([
        ['parent_b_check', 'b > 0'],
        ['parent_check', 'a < b'],
      ]);
    });

    it('foreign keys: composite, actions, MATCH FULL, deferrable, by table (its primary key) or by columns', () => {
      expect(cons('child_pa_pb_fkey')).to.deep.include({
        columns: ['pa', 'pb'],
        refSchema: 'app',
        refTable: 'parent',
        refColumns: ['a', 'b'],
        onDelete: 'cascade',
        onUpdate: 'restrict',
        match: 'full',
        deferrable: true,
        initiallyDeferred: true,
      });
      expect(cons('fk_named')).to.deep.include({ columns: ['pb', 'pa'], refColumns: ['b', 'a'], onDelete: 'no-action', match: 'simple' });
      expect(cons('child_self_fkey')).to.deep.include({
        refTable: 'child',
        refColumns: ['id'],
        onDelete: 'set-null',
        deferrable: true,
        initiallyDeferred: false,
      });
      expect(d.renames.constraints).to.deep.equal([{ schema: 'public', table: 'child', from: 'old_fk', to: 'child_pa_pb_fkey' }]);
    });

    it('indexes: expression, unique, partial, include, method, opclass, ordering, collation, implicit names', () => {
      expect(d.catalog.indexes.map((x) => x.name)).to.deep.equal(['idx_data', 'parent_a_a1_idx', 'parent_created_at_a_expr_email_idx', 'parent_lower_a_idx']);
      expect(idx('parent_lower_a_idx')).to.deep.include({ unique: true, where: 'deleted_at IS NULL', include: ['a'], method: 'btree' });
      expect(idx('parent_lower_a_idx').keys).to.deep.equal([
        { column: null, expression: 'lower(email)', opclass: null, collation: null, descending: false, nullsFirst: false },
      ]);
      expect(idx('idx_data')).to.deep.include({ method: 'gin', comment: 'search' });
      expect(idx('idx_data').keys[0]).to.include({ column: 'data', opclass: 'jsonb_path_ops' });
      expect(idx('parent_created_at_a_expr_email_idx').keys).to.deep.equal([
        { column: 'created_at', expression: null, opclass: null, collation: null, descending: true, nullsFirst: true },
        { column: 'a', expression: null, opclass: null, collation: null, descending: false, nullsFirst: true },
        { column: null, expression: 'b + 1', opclass: null, collation: null, descending: true, nullsFirst: false },
        { column: 'email', expression: null, opclass: 'text_pattern_ops', collation: '"C"', descending: false, nullsFirst: false },
      ]);
    });

    it('the referenced table is collected though only the child is exported', () => {
      expect(d.catalog.tables.map((x) => `${x.schema}.${x.name}`)).to.deep.equal(['app.parent', 'public.child']);
    });

    it('serial columns are NOT NULL without a default', () => {
      expect(col(d.catalog.tables.find((x) => x.name === 'child')!.columns, 'id')).to.include({ type: 'serial', notNull: true, default: null });
    });
  });

  it('builders are immutable', () => {
    const base = c.text();
    const a = base.notNull();
    expect(a).to.not.equal(base);
    const x = table('imm', { columns: { base, a } });
    const cols = present(collectDeclarations([{ x }]).catalog.tables[0]).columns;
    expect(cols.map((y) => y.notNull)).to.deep.equal([false, true]);
    expect(Object.isFrozen(base)).to.equal(true);
  });

  it('sql tag: column refs as identifiers, values as literals, nested fragments, raw text', () => {
    const x = table('q', { columns: { Weird: c.text(), order: c.integer() } });
    const frag = sql`${x.columns.Weird} = ${"o'k"} AND ${x.columns.order} > ${-1} AND ${sql`${true}`} AND data @> ${{ a: 1 }} AND ${x} IS NOT NULL AND x ~ '\d'`;
    expect(frag.text).to.equal(`"Weird" = 'o''k' AND "order" > (-1) AND true AND data @> '{"a":1}' AND public.q IS NOT NULL AND x ~ '\\d'`);
    expect(frag.columns).to.deep.equal(['Weird', 'order']);
    expect(sql.raw('now()').text).to.equal('now()');
  });
});
