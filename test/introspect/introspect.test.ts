import { expect } from 'chai';
import { createScratch, resetDatabase, withTransaction, type Db, queryRow } from '../../src/db';
import { introspect } from '../../src/introspect';
import type { Catalog, Column, Constraint, Index, Table } from '../../src/model';
import { engines, useFreshDb } from '../support/engines';
import { REPRESENTATIVE_SQL } from './representative-schema';
import { present } from '../support/present';

const table = (c: Catalog, schema: string, name: string): Table => {
  const t = c.tables.find((x) => x.schema === schema && x.name === name);
  if (!t) throw new Error(`no table ${schema}.${name}`);
  return t;
};
const column = (t: Table, name: string): Column => {
  const col = t.columns.find((x) => x.name === name);
  if (!col) throw new Error(`no column ${name}`);
  return col;
};
const constraint = (c: Catalog, name: string): Constraint => {
  const k = c.constraints.find((x) => x.name === name);
  if (!k) throw new Error(`no constraint ${name}`);
  return k;
};
const index = (c: Catalog, name: string): Index => {
  const i = c.indexes.find((x) => x.name === name);
  if (!i) throw new Error(`no index ${name}`);
  return i;
};
const plainColumn = {
  kind: 'Column',
  notNull: false,
  default: null,
  identity: null,
  generated: null,
  collation: null,
  comment: null,
  identityOptions: null,
  storage: null,
  compression: null,
  statistics: null,
  attributeOptions: [],
} as const;
const plainKey = { column: null, expression: null, opclass: null, collation: null, descending: false, nullsFirst: false } as const;
const noFlags = { deferrable: false, initiallyDeferred: false, comment: null } as const;

for (const engine of engines) {
  describe(`introspect on ${engine.name}`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);
    let catalog: Catalog;

    beforeEach(async () => {
      await db().exec(REPRESENTATIVE_SQL);
      catalog = await introspect(db());
    });

    it('reads schemas with comments and skips schemakit and system schemas', () => {
      expect(catalog.schemas).to.deep.equal([
        { kind: 'Schema', name: 'app', comment: 'the application' },
        { kind: 'Schema', name: 'public', comment: 'standard public schema' },
      ]);
      expect(catalog.tables.map((t) => t.schema)).to.not.include('schemakit');
    });

    it('reads enums with labels in sort order and comments', () => {
      expect(catalog.enums).to.deep.equal([
        { kind: 'Enum', schema: 'app', name: 'status', values: ['new', 'active', 'archived', 'closed'], comment: 'lifecycle' },
      ]);
    });

    it('reads tables (ordinary and partitioned) sorted by key, columns in attnum order', () => {
      expect(catalog.tables.map((t) => `${t.schema}.${t.name}`)).to.deep.equal([
        'app.measurements',
        'app.members',
        'app.teams',
        'app.users',
        'public.Mixed Case',
      ]);
      const users = table(catalog, 'app', 'users');
      expect(users.comment).to.equal('people');
      expect(users.columns.map((c) => c.name)).to.deep.equal([
        'id',
        'big',
        'small',
        'email',
        'name',
        'status',
        'tags',
        'created_at',
        'score',
        'ident_a',
        'ident_d',
        'lower_email',
      ]);
      expect(table(catalog, 'public', 'Mixed Case').columns.map((c) => c.name)).to.deep.equal(['Weird "col"', 'select']);
    });

    it('reads column types, defaults, serials, identities, generated columns, collations and comments', () => {
      const users = table(catalog, 'app', 'users');
      expect(column(users, 'id')).to.deep.equal({ ...plainColumn, name: 'id', type: 'serial', notNull: true });
      expect(column(users, 'big')).to.deep.equal({ ...plainColumn, name: 'big', type: 'bigserial', notNull: true });
      expect(column(users, 'small')).to.deep.equal({ ...plainColumn, name: 'small', type: 'smallserial', notNull: true });
      expect(column(users, 'email')).to.deep.equal({
        ...plainColumn,
        name: 'email',
        type: 'character varying(255)',
        notNull: true,
        collation: '"C"',
        comment: 'login',
      });
      expect(column(users, 'name')).to.deep.equal({ ...plainColumn, name: 'name', type: 'text', default: "'anon'::text" });
      expect(column(users, 'status')).to.deep.equal({ ...plainColumn, name: 'status', type: 'app.status', notNull: true, default: "'new'::app.status" });
      expect(column(users, 'tags')).to.deep.equal({ ...plainColumn, name: 'tags', type: 'app.status[]' });
      expect(column(users, 'created_at')).to.deep.equal({
        ...plainColumn,
        name: 'created_at',
        type: 'timestamp with time zone',
        notNull: true,
        default: 'now()',
      });
      expect(column(users, 'score')).to.deep.equal({ ...plainColumn, name: 'score', type: 'numeric(10,2)' });
      expect(column(users, 'ident_a')).to.deep.equal({
        ...plainColumn,
        name: 'ident_a',
        type: 'integer',
        notNull: true,
        identity: 'always',
        identityOptions: { type: 'integer', start: '1', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false },
      });
      expect(column(users, 'ident_d')).to.deep.equal({
        ...plainColumn,
        name: 'ident_d',
        type: 'bigint',
        notNull: true,
        identity: 'by-default',
        identityOptions: { type: 'bigint', start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false },
      });
      expect(column(users, 'lower_email')).to.deep.equal({ ...plainColumn, name: 'lower_email', type: 'text', generated: 'lower((email)::text)' });
    });

    it('does not take a nextval() default of a sequence the column does not own for a serial', async () => {
      await db().exec("CREATE SEQUENCE app.shared; CREATE TABLE app.s (n int NOT NULL DEFAULT nextval('app.shared'))");
      const s = table(await introspect(db()), 'app', 's');
      expect(column(s, 'n')).to.deep.equal({ ...plainColumn, name: 'n', type: 'integer', notNull: true, default: "nextval('app.shared'::regclass)" });
    });

    it('reads primary keys, unique constraints (NULLS NOT DISTINCT, deferrable) and comments', () => {
      expect(constraint(catalog, 'users_pkey')).to.deep.equal({
        kind: 'PrimaryKey',
        schema: 'app',
        table: 'users',
        name: 'users_pkey',
        ...noFlags,
        columns: ['id'],
      });
      expect(constraint(catalog, 'teams_pkey')).to.deep.equal({
        kind: 'PrimaryKey',
        schema: 'app',
        table: 'teams',
        name: 'teams_pkey',
        ...noFlags,
        columns: ['region', 'id'],
      });
      expect(constraint(catalog, 'users_email_key')).to.deep.equal({
        kind: 'Unique',
        schema: 'app',
        table: 'users',
        name: 'users_email_key',
        ...noFlags,
        comment: 'one account per email',
        columns: ['email'],
        nullsNotDistinct: false,
      });
      expect(constraint(catalog, 'teams_code_key')).to.deep.equal({
        kind: 'Unique',
        schema: 'app',
        table: 'teams',
        name: 'teams_code_key',
        deferrable: true,
        initiallyDeferred: true,
        comment: null,
        columns: ['code'],
        nullsNotDistinct: true,
      });
    });

    it('reads checks as pg_get_constraintdef prints them, without CHECK, NO INHERIT, NOT VALID', async () => {
      expect(constraint(catalog, 'users_score_check')).to.deep.equal({
        kind: 'Check',
        schema: 'app',
        table: 'users',
        name: 'users_score_check',
        ...noFlags,
        expression: '((score >= (0)::numeric))',
        noInherit: false,
      });
      expect(constraint(catalog, 'users_name_check')).to.deep.equal({
        kind: 'Check',
        schema: 'app',
        table: 'users',
        name: 'users_name_check',
        ...noFlags,
        expression: '((length(name) > 0))',
        noInherit: true,
      });
      await db().exec("ALTER TABLE app.teams ADD CONSTRAINT teams_region_check CHECK (region IN ('eu', 'us')) NOT VALID");
      const rows = await db().query<{ def: string }>("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'teams_region_check'");
      const check = constraint(await introspect(db()), 'teams_region_check');
      expect(check.kind === 'Check' && `CHECK ${check.expression} NOT VALID`).to.equal(present(rows[0]).def);
    });

    it('reads foreign keys: every action, MATCH FULL, deferrable, column order', () => {
      const fk = (name: string, columns: string[], refTable: string, refColumns: string[], extra: object) => ({
        kind: 'ForeignKey',
        schema: 'app',
        table: 'members',
        name,
        ...noFlags,
        columns,
        refSchema: 'app',
        refTable,
        refColumns,
        onUpdate: 'no-action',
        onDelete: 'no-action',
        match: 'simple',
        ...extra,
      });
      expect(constraint(catalog, 'members_user_id_fkey')).to.deep.equal(
        fk('members_user_id_fkey', ['user_id'], 'users', ['id'], { onDelete: 'cascade', onUpdate: 'restrict' }),
      );
      expect(constraint(catalog, 'members_team_fkey')).to.deep.equal(
        fk('members_team_fkey', ['team_id', 'team_region'], 'teams', ['id', 'region'], { onDelete: 'set-null', match: 'full', deferrable: true }),
      );
      expect(constraint(catalog, 'members_backup_fkey')).to.deep.equal(fk('members_backup_fkey', ['backup_id'], 'users', ['id'], { onDelete: 'set-default' }));
      expect(constraint(catalog, 'members_fallback_fkey')).to.deep.equal(
        fk('members_fallback_fkey', ['fallback_id'], 'users', ['id'], { onDelete: 'restrict', onUpdate: 'cascade' }),
      );
      expect(constraint(catalog, 'members_other_fkey')).to.deep.equal(fk('members_other_fkey', ['other_id'], 'users', ['id'], { onUpdate: 'set-null' }));
    });

    it('skips NOT NULL constraints (PostgreSQL 18 lists them in pg_constraint)', () => {
      expect(catalog.constraints.filter((c) => c.table === 'measurements')).to.deep.equal([]);
      expect(catalog.constraints).to.have.length(11);
    });

    it('reads indexes but not those backing constraints', () => {
      expect(catalog.indexes.map((i) => i.name)).to.deep.equal([
        'members_user_idx',
        'teams_code_nnd_idx',
        'users_created_idx',
        'users_email_hash',
        'users_email_pattern_idx',
        'users_lower_email_idx',
        'users_name_c_idx',
        'users_tags_gin',
      ]);
      const base = { kind: 'Index', schema: 'app', unique: false, method: 'btree', include: [], where: null, nullsNotDistinct: false, comment: null };
      expect(index(catalog, 'members_user_idx')).to.deep.equal({
        ...base,
        table: 'members',
        name: 'members_user_idx',
        comment: 'by user',
        keys: [{ ...plainKey, column: 'user_id' }],
      });
      expect(index(catalog, 'teams_code_nnd_idx')).to.deep.equal({
        ...base,
        table: 'teams',
        name: 'teams_code_nnd_idx',
        unique: true,
        nullsNotDistinct: true,
        keys: [{ ...plainKey, column: 'code' }],
      });
      expect(index(catalog, 'users_created_idx')).to.deep.equal({
        ...base,
        table: 'users',
        name: 'users_created_idx',
        include: ['email', 'status'],
        keys: [
          { ...plainKey, column: 'created_at', descending: true, nullsFirst: false },
          { ...plainKey, column: 'name', nullsFirst: true },
        ],
      });
      expect(index(catalog, 'users_email_hash')).to.deep.equal({
        ...base,
        table: 'users',
        name: 'users_email_hash',
        method: 'hash',
        keys: [{ ...plainKey, column: 'email' }],
      });
      expect(index(catalog, 'users_email_pattern_idx')).to.deep.equal({
        ...base,
        table: 'users',
        name: 'users_email_pattern_idx',
        keys: [{ ...plainKey, column: 'email', opclass: 'varchar_pattern_ops' }],
      });
      // lower(email) inherits email's "C"; the key type's default collation is what it is compared with.
      expect(index(catalog, 'users_lower_email_idx')).to.deep.equal({
        ...base,
        table: 'users',
        name: 'users_lower_email_idx',
        unique: true,
        where: "(status <> 'closed'::app.status)",
        keys: [{ ...plainKey, expression: 'lower((email)::text)', collation: '"C"' }],
      });
      expect(index(catalog, 'users_name_c_idx')).to.deep.equal({
        ...base,
        table: 'users',
        name: 'users_name_c_idx',
        keys: [{ ...plainKey, column: 'name', collation: '"C"', descending: true, nullsFirst: true }],
      });
      expect(index(catalog, 'users_tags_gin')).to.deep.equal({
        ...base,
        table: 'users',
        name: 'users_tags_gin',
        method: 'gin',
        keys: [{ ...plainKey, column: 'tags' }],
      });
    });

    it('introspecting twice gives deep-equal catalogs', async () => {
      expect(await introspect(db())).to.deep.equal(catalog);
    });

    it('runs inside a caller transaction and restores its search_path', async () => {
      await withTransaction(db(), async () => {
        await db().exec('SET LOCAL search_path = app, public');
        expect(await introspect(db())).to.deep.equal(catalog);
        expect(await db().query("SELECT current_setting('search_path') AS p")).to.deep.equal([{ p: 'app, public' }]);
      });
    });
  });

  describe(`introspect on ${engine.name}: extensions`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine, { extensions: ['citext'] });

    it('reads extensions and leaves out the objects that belong to one', async () => {
      await db().exec(`
        CREATE SCHEMA ext;
        CREATE EXTENSION citext WITH SCHEMA ext;
        COMMENT ON EXTENSION citext IS 'case-insensitive text';
        CREATE TABLE public.owned (id int PRIMARY KEY, v int CHECK (v > 0));
        CREATE INDEX owned_v ON public.owned (v);
        CREATE TYPE public.owned_enum AS ENUM ('x');
        CREATE SCHEMA owned_schema;
        ALTER EXTENSION citext ADD TABLE public.owned;
        ALTER EXTENSION citext ADD TYPE public.owned_enum;
        ALTER EXTENSION citext ADD SCHEMA owned_schema;
        CREATE TABLE public.mine (name ext.citext);`);
      const catalog = await introspect(db());
      const { v } = await queryRow<{ v: string }>(db(), "SELECT extversion AS v FROM pg_extension WHERE extname = 'citext'");
      expect(catalog.extensions).to.deep.equal([{ kind: 'Extension', name: 'citext', schema: 'ext', version: v, comment: 'case-insensitive text' }]);
      expect(catalog.schemas.map((s) => s.name)).to.deep.equal(['ext', 'public']);
      expect(catalog.tables.map((t) => t.name)).to.deep.equal(['mine']);
      expect(column(present(catalog.tables[0]), 'name').type).to.equal('ext.citext');
      expect(catalog.enums).to.deep.equal([]);
      expect(catalog.constraints).to.deep.equal([]);
      expect(catalog.indexes).to.deep.equal([]);

      await resetDatabase(db());
      const after = await introspect(db());
      expect(after.extensions).to.deep.equal([]);
      expect(after.schemas.map((s) => s.name)).to.deep.equal(['public']);
    });

    it('a scratch database next to it offers the same extensions (and asked-for ones on PGlite)', async () => {
      const scratch = await createScratch(db(), { extensions: engine.kind === 'pglite' ? ['hstore'] : [] });
      try {
        await scratch.db.exec('CREATE EXTENSION citext; CREATE EXTENSION hstore');
        expect((await introspect(scratch.db)).extensions.map((e) => e.name)).to.deep.equal(['citext', 'hstore']);
      } finally {
        await scratch.dispose();
      }
    });
  });
}

if (engines.length === 2) {
  describe('introspect: PostgreSQL 15 and PGlite 18 agree', function () {
    this.timeout(120_000);
    it('gives deep-equal catalogs for the same SQL', async () => {
      const catalogs: Catalog[] = [];
      for (const engine of engines) {
        const db: Db = await engine.fresh();
        try {
          await db.exec(REPRESENTATIVE_SQL);
          catalogs.push(await introspect(db));
        } finally {
          await db.close();
        }
      }
      expect(catalogs[1]).to.deep.equal(catalogs[0]);
    });
  });
}
