import { expect } from 'chai';
import { c, collectDeclarations, schema, table, tenant } from '../../src/declare';
import { rejection } from '../support/rejection';

describe('schema(tenant(…)): one declaration for every tenant schema', () => {
  it('declares the schema under its template name and marks it as the tenant schema', () => {
    const app = schema(tenant('app'), { comment: 'one per tenant' });
    const items = table(app, 'items', { columns: { id: c.integer().primaryKey() } });
    const declared = collectDeclarations([{ app, items }]);
    expect(declared.tenantSchema).to.equal('app');
    expect(declared.catalog.schemas.map((s) => s.name)).to.include('app');
    expect(declared.catalog.tables.map((t) => `${t.schema}.${t.name}`)).to.deep.equal(['app.items']);
    expect(collectDeclarations([{ plain: schema('reporting') }]).tenantSchema).to.equal(undefined);
  });

  it('refuses two tenant templates', async () => {
    const e = await rejection(Promise.resolve().then(() => collectDeclarations([{ a: schema(tenant('a')), b: schema(tenant('b')) }])));
    expect(e.code).to.equal('invalid-tenant');
    expect(e.message).to.include('only one schema can be a tenant template, not a, b');
  });
});
