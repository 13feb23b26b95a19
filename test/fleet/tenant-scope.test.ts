import { expect } from 'chai';
import { MIGRATION_LOCK_KEY } from '../../src/migrate';
import { scopeOf, tenantHistory, tenantLockKey } from '../../src/fleet';

describe('fleet tenant scope (no database)', () => {
  it('a tenant keeps its history as schemakit."<tenant>__migrations" (the layout of earlier runs)', () => {
    expect(tenantHistory('tenant_0001')).to.deep.equal({
      schema: 'schemakit',
      migrations: 'tenant_0001__migrations',
      progress: 'tenant_0001__migration_progress',
    });
  });

  it('a name too long for 63-byte identifiers is shortened with a hash: distinct, within the limit', () => {
    const a = tenantHistory(`${'é'.repeat(30)}_a`);
    const b = tenantHistory(`${'é'.repeat(30)}_b`);
    expect(a.progress).to.not.equal(b.progress);
    for (const n of [a.migrations, a.progress, b.migrations, b.progress]) expect(Buffer.byteLength(n)).to.be.at.most(63);
  });

  it('lock keys differ per tenant and from the database-wide keys; ${schema} is the quoted name', () => {
    const keys = new Set(Array.from({ length: 1000 }, (_, i) => tenantLockKey(`tenant_${i}`)));
    expect(keys.size).to.equal(1000);
    expect(keys.has(MIGRATION_LOCK_KEY)).to.equal(false);
    expect(scopeOf({ id: 'x', url: 'postgres://h/db', schema: 'Tenant 1' }).placeholders).to.deep.equal({ schema: '"Tenant 1"' });
    expect(scopeOf({ id: 'x', url: 'postgres://h/db', schema: null })).to.deep.equal({});
  });
});
