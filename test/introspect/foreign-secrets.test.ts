import { expect } from 'chai';
import { foreignServer, foreignTable } from '../../src/declare';
import { diffCatalogs } from '../../src/diff';
import { introspect, introspectUnmanaged } from '../../src/introspect';
import { fdwOptions } from '../../src/introspect/foreign';
import { emptyCatalog } from '../../src/model';
import { planChanges, renderDown, renderUp } from '../../src/plan';
import { engines } from '../support/engines';

/** Secrets in options of foreign-data objects are never read, compared, declared or printed (issue 9). */
describe('foreign-data options that hold secrets', () => {
  it('are left out of introspected options', () => {
    expect(fdwOptions(['host=db', 'password=x', 'api_token=y', 'sslpassword=z', 'port=5432'])).to.deep.equal([
      { name: 'host', value: 'db' },
      { name: 'port', value: '5432' },
    ]);
    expect(fdwOptions(['opt=a=b'])).to.deep.equal([{ name: 'opt', value: 'a=b' }]);
  });

  it('are refused in declarations', () => {
    expect(() => foreignServer('remote', { wrapper: 'postgres_fdw', options: { host: 'db', password: 'x' } })).to.throw(/password looks like a secret/);
    expect(() => foreignTable('public', 't', { server: 'remote', columns: { id: { type: 'integer', options: { secret_key: 'k' } } } })).to.throw(/secret/);
  });
});

for (const engine of engines) {
  describe(`foreign-data secrets on ${engine.name}`, function () {
    this.timeout(60_000);
    it('a server option named like a secret and a user mapping are neither read nor printed; the mapping is named as unmanaged', async () => {
      const db = await engine.fresh();
      try {
        // A wrapper without validator accepts any option name.
        await db.exec(`
          CREATE FOREIGN DATA WRAPPER loose;
          CREATE SERVER vault FOREIGN DATA WRAPPER loose OPTIONS (host 'vault.internal', api_token 'tok-never-printed');
          CREATE USER MAPPING FOR PUBLIC SERVER vault OPTIONS (password 'pw-never-printed');
        `);
        const catalog = await introspect(db);
        expect(catalog.foreignServers).to.deep.equal([
          {
            kind: 'ForeignServer',
            name: 'vault',
            wrapper: 'loose',
            type: null,
            version: null,
            options: [{ name: 'host', value: 'vault.internal' }],
            comment: null,
          },
        ]);
        const plan = planChanges(diffCatalogs(emptyCatalog, catalog));
        const text = `${renderUp(plan)}\n${renderDown(plan)}\n${JSON.stringify(catalog)}`;
        expect(text).to.include("CREATE SERVER vault FOREIGN DATA WRAPPER loose OPTIONS (host 'vault.internal')");
        expect(text).to.not.match(/never-printed|api_token|password/);
        const unmanaged = (await introspectUnmanaged(db)).map((o) => `${o.kind} ${o.name}`);
        expect(unmanaged).to.have.members(['foreign data wrapper loose', 'user mapping public@vault']);
      } finally {
        await db.close();
      }
    });
  });
}
