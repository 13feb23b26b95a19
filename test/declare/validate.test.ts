import { expect } from 'chai';
import {
  c,
  check,
  collation,
  collectDeclarations,
  compositeType,
  domain,
  enumType,
  sequence,
  extension,
  foreignKey,
  index,
  primaryKey,
  schema,
  sql,
  table,
  unique,
  value,
  validateDeclared,
  foreignServer,
  publication,
  statistics,
  textSearchDictionary,
} from '../../src/declare';
import type { Problem } from '../../src/util';
import { present } from '../support/present';

const find = (problems: readonly Problem[], code: string, object?: string) =>
  problems.filter((p) => p.code === code && (object === undefined || p.object === object));

describe('declare: validateDeclared', () => {
  it('a correct declaration set has no problems', () => {
    const s = schema('ok');
    const e = enumType(s, 'status', ['a', 'b']);
    const p = table(s, 'p', { columns: { id: c.bigint().primaryKey(), code: c.varchar(10).unique(), st: c.enum(e).default('a') } });
    const ch = table(s, 'ch', {
      columns: { id: c.serial().primaryKey(), pid: c.integer().references(() => p.columns.id), code: c.text().references(() => p.columns.code) },
    });
    expect(validateDeclared(collectDeclarations([{ ch }]))).to.deep.equal([]);
  });

  it("a foreign key may reference a partition's own key, over its parent's columns", () => {
    const ledger = table('ledger', {
      columns: { id: c.integer().notNull(), at: c.date().notNull() },
      partitionBy: (t) => ({ range: [t.at] }),
    });
    const y2024 = table('ledger_2024', {
      partitionOf: { parent: ledger, from: ['2024-01-01'], to: ['2025-01-01'] },
      primaryKey: () => primaryKey(['id', 'at']),
    });
    const entries = table('entries', {
      columns: { id: c.integer().notNull(), at: c.date().notNull() },
      foreignKeys: (t) => [foreignKey([t.id, t.at]).references(() => y2024, ['id', 'at'])],
    });
    expect(validateDeclared(collectDeclarations([{ ledger, y2024, entries }]))).to.deep.equal([]);
  });

  it('rename intents of servers, publications, text search objects and statistics: from another declared one, from itself', () => {
    const docs = table('docs', { columns: { id: c.integer().primaryKey(), a: c.text(), b: c.text() } });
    const problems = validateDeclared(
      collectDeclarations([
        {
          fdw: extension('file_fdw'),
          files: foreignServer('files', { wrapper: 'file_fdw' }),
          csv: foreignServer('csv', { wrapper: 'file_fdw', renamedFrom: 'files' }),
          pub: publication('pub', { tables: [docs], renamedFrom: 'pub' }),
          dict: textSearchDictionary('public', 'dict', { template: 'simple', renamedFrom: 'dict' }),
          ab: statistics(docs, 'docs_ab', { on: [docs.columns.a, docs.columns.b], renamedFrom: 'docs_old' }),
          ba: statistics(docs, 'docs_ba', { on: [docs.columns.b, docs.columns.a], renamedFrom: 'docs_old' }),
        },
      ]),
    );
    const objects = find(problems, 'rename-conflict')
      .map((p) => p.object)
      .sort();
    expect(objects).to.deep.equal(['database.csv', 'database.pub', 'public.dict', 'public.docs_ab', 'public.docs_ba']);
  });

  describe('reports every problem at once', () => {
    const s = schema('bad');
    const s2 = schema('bad');
    const ghost = 'ghost';
    const empty = enumType(s, 'empty', []);
    const e = enumType(s, 'status', ['a', 'b', 'a', value('c', { renamedFrom: 'b' })]);
    const target = table(s, 'target', { columns: { id: c.uuid().primaryKey(), code: c.text(), n: c.integer() }, uniques: (t) => [unique([t.n]).deferrable()] });
    const t = table(s, 'things', {
      renamedFrom: 'target',
      columns: {
        id: c.integer().primaryKey(),
        other: c.integer().primaryKey(),
        tid: c.integer().references(() => target.columns.id),
        code: c.text().references(() => target.columns.code),
        n: c.integer().references(() => target.columns.n),
        st: c.enum(e).default('zzz' as 'a'),
        ident: c.text().generatedAlwaysAsIdentity(),
        both: c.integer().generatedByDefaultAsIdentity().default(1),
        ser: c.serial().default(sql`1`),
        gen: c.integer().generatedAlwaysAs(sql`gen + 1`),
        gen2: c.integer().generatedAlwaysAs(sql`gen * 2`),
        renamed: c.text().renamedFrom('id'),
        self: c.text().renamedFrom('self'),
        ['x'.repeat(64)]: c.text(),
      },
      uniques: (t) => [unique('dup_name', [t.id]), unique([t.code, 'missing_col'])],
      checks: (t) => [check('dup_name', sql`${t.id} > 0`)],
      foreignKeys: (t) => [
        foreignKey([t.id, t.other]).references(() => target, ['id']),
        foreignKey([t.id]).references(() => target, ['nope' as 'id']),
        foreignKey('fk_missing_table', [t.id]).references(() => orphan),
      ],
      indexes: (t) => [
        index('things').on(t.id),
        index('ix_gin').on(t.code).using('gin').unique(),
        index('ix_none'),
        index('ix_missing').on(t.id).include('nope'),
        index('status').on(t.id),
      ],
    });
    const orphan = table(ghost, 'orphan', { columns: { id: c.integer().primaryKey() } });
    const dupTable = table(s, 'target', {
      columns: { id: c.uuid().primaryKey(), code: c.text(), n: c.integer() },
      uniques: (t) => [unique([t.n]).deferrable()],
    });
    const ext = extension('pgcrypto', { schema: 'nowhere' });
    const declared = collectDeclarations([{ t, s2, empty, dupTable, ext }]);
    const problems = validateDeclared(declared);

    it('duplicate names (schemas, tables, relations vs indexes, types vs tables, constraints, enum values)', () => {
      expect(find(problems, 'duplicate-name', 'bad')).to.have.length(1);
      expect(find(problems, 'duplicate-name', 'bad.target')).to.have.length(1);
      expect(find(problems, 'duplicate-name', 'bad.things')).to.have.length(1); // index named like the table
      expect(find(problems, 'duplicate-name', 'bad.status')).to.have.length(1); // the repeated enum value (an index named like an enum is no clash)
      expect(find(problems, 'duplicate-name', 'bad.things.dup_name')).to.have.length(1);
      expect(find(problems, 'duplicate-name').some((p) => p.message.includes('enum value name "a"'))).to.equal(true);
    });
    it('undeclared schemas (tables, extensions), except public', () => {
      expect(
        find(problems, 'undeclared-schema')
          .map((p) => p.object)
          .sort(),
      ).to.deep.equal(['ghost.orphan', 'pgcrypto']);
    });
    it('foreign keys: column count, missing column, type mismatch, not unique, deferrable unique', () => {
      expect(find(problems, 'fk-column-count')).to.have.length(1);
      expect(find(problems, 'fk-missing-column')).to.have.length(1);
      expect(find(problems, 'fk-type-mismatch', 'bad.things.things_tid_fkey')).to.have.length(1);
      expect(find(problems, 'fk-not-unique', 'bad.things.things_code_fkey')).to.have.length(1);
      expect(present(find(problems, 'fk-not-unique', 'bad.things.things_n_fkey')[0]).message).to.include('deferrable');
    });
    it('constraints and indexes on missing columns, empty index, unique non-btree', () => {
      expect(
        find(problems, 'missing-column')
          .map((p) => p.object)
          .sort(),
      ).to.deep.equal(['bad.ix_missing', 'bad.things.things_code_missing_col_key']);
      expect(find(problems, 'no-columns', 'bad.ix_none')).to.have.length(1);
      expect(find(problems, 'index-method', 'bad.ix_gin')).to.have.length(1);
      expect(find(problems, 'multiple-primary-keys', 'bad.things.things_pkey')).to.have.length(1);
    });
    it('column rules: identity type, default conflicts, generated references, enum default', () => {
      expect(find(problems, 'identity-type', 'bad.things.ident')).to.have.length(1);
      expect(
        find(problems, 'default-conflict')
          .map((p) => p.object)
          .sort(),
      ).to.deep.equal(['bad.things.both', 'bad.things.ser']);
      expect(find(problems, 'generated-self-reference', 'bad.things.gen')).to.have.length(1);
      expect(find(problems, 'generated-reference', 'bad.things.gen2')).to.have.length(1);
      expect(find(problems, 'enum-default', 'bad.things.st')).to.have.length(1);
      expect(find(problems, 'empty-enum', 'bad.empty')).to.have.length(1);
    });
    it('rename intents: from another declared object, from itself', () => {
      const objects = find(problems, 'rename-conflict')
        .map((p) => p.object)
        .sort();
      expect(objects).to.deep.equal(['bad.status', 'bad.things', 'bad.things.renamed', 'bad.things.self']);
    });
    it('names longer than 63 bytes', () => {
      expect(find(problems, 'name-too-long')).to.have.length(1);
    });
    it('every problem has a location', () => {
      expect(problems.filter((p) => !p.location)).to.deep.equal([]);
    });
  });

  it('an unresolvable reference is reported by collectDeclarations, with all others', () => {
    const a = table('a', {
      columns: { x: c.integer().references(() => undefined as never), y: c.integer() },
      foreignKeys: (t) => [foreignKey([t.y]), foreignKey([t.y]).references(() => b)],
    });
    const b = table('b', { columns: { id: c.integer() } });
    expect(() => collectDeclarations([{ a }]))
      .to.throw()
      .that.satisfies((err: { code: string; problems: Problem[] }) => err.code === 'invalid-reference' && err.problems.length === 3);
  });

  it('a composite primary key over serial columns referencing integers is fine', () => {
    const p = table('p2', { columns: { a: c.serial(), b: c.bigserial() }, primaryKey: (t) => primaryKey(t.a, t.b) });
    const ch = table('c2', { columns: { a: c.integer(), b: c.bigint() }, foreignKeys: (t) => [foreignKey([t.a, t.b]).references(() => p)] });
    expect(validateDeclared(collectDeclarations([{ ch }]))).to.deep.equal([]);
  });

  it('reports problems of sequences, domains, composite types, collations and enum remaps at their declarations', () => {
    const s = schema('kinds');
    const st = enumType(s, 'state', ['on', 'off'], { remap: { on: 'off', gone: 'nowhere' as 'off' } });
    const t = table(s, 't', { columns: { id: c.integer().primaryKey(), st: c.enum(st) } });
    const seq = sequence(s, 't', { ownedBy: () => t.columns.st });
    const orphan = sequence(s, 'orphan', { ownedBy: () => t.columns.id });
    const dup = domain(s, 'state', 'text');
    const outside = compositeType('elsewhere', 'pair', { a: 'int' });
    const coll = collation(s, 'c1', { locale: 'C' });
    const coll2 = collation(s, 'c1', { locale: 'C' });
    const problems = validateDeclared(collectDeclarations([{ t, seq, orphan, dup, outside, coll, coll2 }]));
    expect(
      find(problems, 'duplicate-name')
        .map((p) => p.object)
        .sort(),
    ).to.deep.equal(['kinds.c1', 'kinds.state', 'kinds.t']);
    expect(find(problems, 'undeclared-schema').map((p) => p.object)).to.deep.equal(['elsewhere.pair']);
    expect(find(problems, 'invalid-remap').map((p) => p.message)).to.deep.equal([
      "enum kinds.state remaps 'on', which is still one of its values",
      "enum kinds.state remaps 'gone' to 'nowhere', which is not one of its values",
    ]);
    expect(problems.every((p) => p.location?.includes('validate.test'))).to.equal(true);
  });
});
