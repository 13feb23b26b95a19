import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runDocs } from '../../src/cli/docs-command';
import { createTempDatabase, openPglite } from '../../src/db';
import { engines } from '../support/engines';

const SCHEMA = `import { c, check, schema, sql, table } from 'schemakit';
export const app = schema('app');
export const users = table(app, 'users', {
  columns: {
    id: c.integer().primaryKey(),
    role: c.varchar(20).notNull().default(sql\`'user'\`),
    balance: c.integer().default(0),
  },
  checks: (t) => [check('role_known', sql\`\${t.role} IN ('super_admin', 'user')\`), check('balance_positive', sql\`balance >= 0\`)],
});
`;

/** The same table as SQL, for the docs of a live database. */
const DDL = `CREATE SCHEMA app;
CREATE TABLE app.users (id integer PRIMARY KEY, role varchar(20) NOT NULL DEFAULT 'user', balance integer DEFAULT 0,
  CONSTRAINT role_known CHECK (role IN ('super_admin', 'user')), CONSTRAINT balance_positive CHECK (balance >= 0))`;

/**
 * Docs that say what the user wrote (issue 19): docs from declarations show checks and defaults as declared;
 * docs of a live database (`--url`) show the catalog's form, the only one it has.
 */
describe('adopt: docs show checks and defaults as declared', function () {
  this.timeout(240_000);
  let work = '';
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'schemakit-docs-declared-'));
    mkdirSync(join(work, 'schema'));
    writeFileSync(join(work, 'schema', 'app.ts'), SCHEMA);
  });
  after(() => rmSync(work, { recursive: true, force: true }));
  const page = (out: string) => readFileSync(join(out, 'tables', 'app.users.md'), 'utf8');

  it('from declarations: the CHECK and the default as written', async () => {
    const out = join(work, 'declared');
    expect((await runDocs({ schema: join(work, 'schema'), out })).exitCode).to.equal(0);
    const text = page(out);
    expect(text).to.include("`role IN ('super_admin', 'user')`").and.include('`balance >= 0`').and.include("`'user'`");
    expect(text).to.not.include('ANY (ARRAY').and.not.include('::character varying');
  });

  for (const engine of engines) {
    it(`from a live database (--url, ${engine.name}): the catalog's form`, async () => {
      const out = join(work, `live-${engine.kind}`);
      if (engine.kind === 'postgres') {
        const temp = await createTempDatabase(undefined, 'schemakit_docs_declared');
        try {
          await temp.db.exec(DDL);
          expect((await runDocs({ url: temp.db.url!, out })).exitCode).to.equal(0);
        } finally {
          await temp.dispose();
        }
      } else {
        const dataDir = join(work, 'pglite');
        const db = await openPglite({ dataDir });
        await db.exec(DDL).finally(() => db.close());
        expect((await runDocs({ url: `pglite:${dataDir}`, out })).exitCode).to.equal(0);
      }
      expect(page(out)).to.include('ANY (ARRAY').and.include("'user'::character varying");
    });
  }
});
