import { expect } from 'chai';
import { diffCatalogs } from '../../src/diff';
import {
  columnKey,
  constraintKey,
  emptyCatalog,
  policyKey,
  relKey,
  routineKey,
  sortCatalog,
  tableKey,
  triggerKey,
  viewKey,
  type Catalog,
  type Schema,
  type Table,
} from '../../src/model';
import { col, pk, table } from '../sql/fixtures';

const schema = (name: string): Schema => ({ kind: 'Schema', name, comment: null });
const catalog = (tables: Table[]): Catalog =>
  sortCatalog({
    ...emptyCatalog,
    schemas: [...new Set(tables.map((t) => t.schema))].map(schema),
    tables,
    constraints: tables.map((t) => pk(t.schema, t.name, 'pk', ['id'])),
  });

describe('model keys (DB-free)', () => {
  // Each row: two objects whose names joined with '.' read the same, and the key function that must tell them apart.
  const cases: [string, () => [string, string]][] = [
    ['relKey', () => [relKey({ schema: 'a', name: 'b.c' }), relKey({ schema: 'a.b', name: 'c' })]],
    ['tableKey', () => [tableKey({ schema: 'a', name: 'b.c' }), tableKey({ schema: 'a.b', name: 'c' })]],
    ['constraintKey', () => [constraintKey({ schema: 'a', table: 'b.c', name: 'd' }), constraintKey({ schema: 'a.b', table: 'c', name: 'd' })]],
    ['columnKey', () => [columnKey('a', 'b', 'c.d'), columnKey('a', 'b.c', 'd')]],
    ['policyKey', () => [policyKey({ schema: 'a', table: 'b.c', name: 'd' }), policyKey({ schema: 'a', table: 'b', name: 'c.d' })]],
    ['triggerKey', () => [triggerKey({ schema: 'a.b', table: 'c', name: 'd' }), triggerKey({ schema: 'a', table: 'b.c', name: 'd' })]],
    ['viewKey', () => [viewKey({ schema: 'a', name: 'b.c' }), viewKey({ schema: 'a.b', name: 'c' })]],
    ['routineKey', () => [routineKey({ schema: 'a', name: 'b.c', identityArgs: '' }), routineKey({ schema: 'a.b', name: 'c', identityArgs: '' })]],
    ['a quote in a name', () => [relKey({ schema: 'a"', name: 'b' }), relKey({ schema: 'a', name: '"b' })]],
  ];
  for (const [name, keys] of cases) {
    it(`${name} does not collide for names holding a dot or a quote`, () => {
      const [x, y] = keys();
      expect(x).not.to.equal(y);
    });
  }

  it('ordinary names read as they always did', () => {
    expect(columnKey('public', 'users', 'email')).to.equal('public.users.email');
    expect(relKey({ schema: 'My Schema', name: 'Users' })).to.equal('My Schema.Users');
    expect(relKey({ schema: 'a', name: 'b.c' })).to.equal('a."b.c"');
  });

  it('diff keeps schema a + table b.c apart from schema a.b + table c', () => {
    const one = table('a', 'b.c', [col('id', 'integer')]);
    const two = table('a.b', 'c', [col('id', 'integer')]);
    expect(diffCatalogs(catalog([one, two]), catalog([one, two]))).to.deep.equal([]);
    const changes = diffCatalogs(catalog([one, two]), catalog([two]));
    expect(changes.map((c) => c.kind)).to.include('DropTable');
    expect(changes.flatMap((c) => (c.kind === 'DropTable' ? [`${c.table.schema} / ${c.table.name}`] : []))).to.deep.equal(['a / b.c']);
  });
});
