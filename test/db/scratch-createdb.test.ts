import { expect } from 'chai';
import { connectPostgres, createTempDatabase, uniqueDatabaseName, urlForDatabase, type TempDatabase } from '../../src/db';
import { loadSchemaDir } from '../../src/load';
import { normalizeDeclared } from '../../src/pipeline';
import { SchemakitError } from '../../src/util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Issue 10 item 10: normalizing on a server whose role may not CREATE DATABASE. Server only: the embedded
 * engine has no roles to lack CREATEDB (its scratch databases are new in-memory instances).
 */
describe('scratch databases without CREATEDB (postgres-15)', function () {
  this.timeout(120_000);
  if (process.env.SCHEMAKIT_TEST_ENGINES === 'pglite') return;
  const role = uniqueDatabaseName('schemakit_nocreatedb');
  let temp: TempDatabase;
  let dir: string;
  before(async () => {
    temp = await createTempDatabase(undefined, 'schemakit_test');
    await temp.db.exec(`CREATE ROLE ${role} LOGIN NOCREATEDB; GRANT ALL ON SCHEMA public TO ${role}`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemakit-nocreatedb-'));
    fs.writeFileSync(path.join(dir, 't.ts'), "import { table, c } from 'schemakit';\nexport const t = table('t', { columns: { id: c.integer() } });\n");
  });
  after(async () => {
    await temp.dispose();
    const admin = await connectPostgres(urlForDatabase(temp.db.url!, 'postgres'));
    await admin.exec(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.close());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const asRole = () => {
    const u = new URL(temp.db.url!);
    u.username = role;
    return u.toString();
  };

  it('says why (CREATEDB) and what to do; --dev-url and the embedded fallback work', async () => {
    const declared = await loadSchemaDir(dir);
    const db = await connectPostgres(asRole());
    try {
      let error: unknown;
      await normalizeDeclared(declared, db).catch((e) => (error = e));
      expect(error).to.be.instanceOf(SchemakitError);
      expect((error as SchemakitError).code).to.equal('no-createdb');
      expect((error as Error).message)
        .to.contain('CREATEDB')
        .and.to.contain('--dev-url');
      const viaPglite = await normalizeDeclared(declared, db, { embeddedFallback: true });
      expect(viaPglite.tables.map((t) => t.name)).to.deep.equal(['t']);
      const viaDevUrl = await normalizeDeclared(declared, db, { devUrl: urlForDatabase(temp.db.url!, 'postgres') });
      expect(viaDevUrl.tables.map((t) => t.name)).to.deep.equal(['t']);
    } finally {
      await db.close();
    }
  });
});
