import { expect } from 'chai';
import { c, collectDeclarations, exclude, index, policy, sql, table, validateDeclared } from '../../src/declare';

describe('declare: table shapes', () => {
  const parent = table('events', {
    columns: { id: c.bigint().notNull(), at: c.date().notNull(), room: c.integer(), during: c.type('tstzrange') },
    partitionBy: (t) => ({ range: [t.at, sql`extract(year from ${t.at})`] }),
    exclusions: (t) => [exclude([t.room, '='], [t.during, '&&']).where(sql`${t.room} > 0`)],
    policies: (t) => [
      policy('own')
        .for('select')
        .to('app_user', 'PUBLIC')
        .using(sql`${t.room} = 1`)
        .renamedFrom('old_own'),
    ],
    rowSecurity: 'force',
  });
  const jan = table('events_jan', { partitionOf: { parent, from: ['2024-01-01', 'MINVALUE'], to: [new Date('2024-02-01T00:00:00Z'), 'MAXVALUE'] } });
  const other = table('events_other', { partitionOf: { parent, isDefault: true }, indexes: () => [index('events_other_at_idx').on(sql`at`)] });
  const listed = table('by_region', { columns: { region: c.text() }, partitionBy: (t) => ({ list: [t.region] }) });
  const eu = table('by_region_eu', { partitionOf: { parent: listed, in: ['de', 'fr'] } });
  const hashed = table('by_id', { columns: { id: c.bigint() }, partitionBy: (t) => ({ hash: [t.id] }) });
  const h0 = table('by_id_0', { partitionOf: { parent: hashed, modulus: 2, remainder: 0 } });
  const base = table('base', { columns: { region: c.text() } });
  const child = table('child', { columns: { extra: c.text() }, inherits: [base], unlogged: true, storageParameters: { fillfactor: 70 } });
  const declared = collectDeclarations([{ jan, other, eu, h0, child }]);
  const byName = (n: string) => declared.catalog.tables.find((t) => t.name === n)!;

  it('builds partition keys and bounds as SQL, with parents pulled in', () => {
    expect(byName('events').partitionBy).to.deep.equal({ strategy: 'range', key: 'at, (extract(year from at))' });
    expect(byName('events_jan').partitionOf).to.deep.equal({
      schema: 'public',
      table: 'events',
      bound: "FOR VALUES FROM ('2024-01-01', MINVALUE) TO ('2024-02-01T00:00:00.000Z', MAXVALUE)",
    });
    expect(byName('events_other').partitionOf?.bound).to.equal('DEFAULT');
    expect(byName('by_region_eu').partitionOf?.bound).to.equal("FOR VALUES IN ('de', 'fr')");
    expect(byName('by_id_0').partitionOf?.bound).to.equal('FOR VALUES WITH (modulus 2, remainder 0)');
    expect(byName('by_id').partitionBy?.strategy).to.equal('hash');
    expect(byName('child')).to.include({ persistence: 'unlogged' });
    expect(byName('child').storageParameters).to.deep.equal([{ name: 'fillfactor', value: '70' }]);
    expect(byName('child').inherits).to.deep.equal([{ schema: 'public', name: 'base' }]);
    expect(byName('events')).to.include({ rowSecurity: true, forceRowSecurity: true });
  });

  it('builds policies (roles sorted, PUBLIC as public) with rename intents, and named exclusion constraints', () => {
    expect(declared.catalog.policies).to.deep.equal([
      {
        kind: 'Policy',
        schema: 'public',
        table: 'events',
        name: 'own',
        command: 'select',
        permissive: true,
        roles: ['app_user', 'public'],
        using: 'room = 1',
        withCheck: null,
        comment: null,
      },
    ]);
    expect(declared.renames.policies).to.deep.equal([{ schema: 'public', table: 'events', from: 'old_own', to: 'own' }]);
    const x = declared.catalog.constraints.find((k) => k.kind === 'Exclusion');
    expect(x).to.include({ name: 'events_room_during_excl', method: 'gist', where: 'room > 0' });
  });

  it("a valid set has no problems; partition members may use the parent's columns", () => {
    expect(validateDeclared(declared)).to.deep.equal([]);
  });

  it('reports a partition with columns, a parent that is not partitioned, and a partitioned table with storage parameters', () => {
    const plain = table('plain', { columns: { id: c.integer() } });
    const bad = table('bad_part', { columns: { id: c.integer() }, partitionOf: { parent: plain, isDefault: true } });
    const stored = table('stored', {
      columns: { id: c.integer() },
      partitionBy: (t) => ({ list: [t.id] }),
      storageParameters: { fillfactor: 50 },
      inherits: [plain],
    });
    const codes = validateDeclared(collectDeclarations([{ bad, stored }]))
      .map((p) => `${p.code} ${p.object}`)
      .sort();
    expect(codes).to.deep.equal([
      'not-partitioned public.bad_part',
      'partition-columns public.bad_part',
      'partition-inherits public.stored',
      'partitioned-storage public.stored',
    ]);
  });

  it('builds inheritedColumns into column overrides and reports one naming a column the table does not inherit', () => {
    const parent = table('ledger', { columns: { id: c.integer(), memo: c.text().default('none') }, partitionBy: (t) => ({ list: [t.id] }) });
    const part = table('ledger_one', {
      partitionOf: { parent, in: [1] },
      inheritedColumns: { memo: { notNull: true, default: null }, id: { default: 7 }, missing: { notNull: true } },
    });
    const d = collectDeclarations([{ parent, part }]);
    expect(d.catalog.tables.find((t) => t.name === 'ledger_one')?.columnOverrides).to.deep.equal([
      { name: 'id', notNull: null, default: { expression: '7' } },
      { name: 'memo', notNull: true, default: { expression: null } },
      { name: 'missing', notNull: true, default: null },
    ]);
    expect(validateDeclared(d).map((p) => `${p.code} ${p.object}`)).to.deep.equal(['not-inherited public.ledger_one']);
  });
});
