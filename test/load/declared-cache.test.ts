import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSchemaDir } from '../../src/load';

/** A schema folder of `files` and a cache folder beside it. */
function project(files: Record<string, string>): { dir: string; cacheDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemakit-declared-cache-'));
  const dir = path.join(root, 'schema');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return { dir, cacheDir: path.join(root, 'cache') };
}

const entries = (cacheDir: string) => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.startsWith('declared-')) : []);
const tableNames = (d: { catalog: { tables: readonly { name: string }[] } }) => d.catalog.tables.map((t) => t.name);

const users = (name: string) => `import { table, c } from 'schemakit';
export const users = table('${name}', { columns: { id: c.bigint().primaryKey(), email: c.text().notNull() } });
`;

describe('load: the cache of evaluated declarations', function () {
  this.timeout(60_000); // the type check of a cache miss

  it('an unchanged folder loads from the cache, equal to its evaluation; an edited one is evaluated again', async () => {
    const { dir, cacheDir } = project({
      'users.ts': users('users'),
      'teams.ts': "import { table, c } from 'schemakit';\nexport const teams = table('teams', { columns: { id: c.integer().primaryKey() } });\n",
    });
    const first = await loadSchemaDir(dir, { cacheDir });
    expect(entries(cacheDir)).to.have.length(1);
    const again = await loadSchemaDir(dir, { cacheDir });
    expect(again).to.deep.equal(first);
    expect(again.locations.get('public.users')).to.match(/users\.ts:2$/);
    fs.writeFileSync(path.join(dir, 'users.ts'), users('members'));
    expect(tableNames(await loadSchemaDir(dir, { cacheDir }))).to.deep.equal(['members', 'teams']);
    expect(entries(cacheDir)).to.have.length(1); // the old entry replaced
  });

  // Without the type check: the schema files' types have no `process` or `node:` modules (they would declare them).
  it('a folder that reads the environment is evaluated on every run', async () => {
    const { dir, cacheDir } = project({
      'users.ts':
        "import { table, c } from 'schemakit';\nexport const users = table(process.env.SCHEMAKIT_TEST_TABLE ?? 'none', { columns: { id: c.integer().primaryKey() } });\n",
    });
    const before = process.env.SCHEMAKIT_TEST_TABLE;
    try {
      process.env.SCHEMAKIT_TEST_TABLE = 'one';
      expect(tableNames(await loadSchemaDir(dir, { cacheDir, typecheck: false }))).to.deep.equal(['one']);
      process.env.SCHEMAKIT_TEST_TABLE = 'two';
      expect(tableNames(await loadSchemaDir(dir, { cacheDir, typecheck: false }))).to.deep.equal(['two']);
      expect(entries(cacheDir)).to.deep.equal([]);
    } finally {
      if (before === undefined) delete process.env.SCHEMAKIT_TEST_TABLE;
      else process.env.SCHEMAKIT_TEST_TABLE = before;
    }
  });

  it('a folder that requires another module than schemakit and its own files is evaluated on every run', async () => {
    const { dir, cacheDir } = project({
      'users.ts':
        "import { table, c } from 'schemakit';\nimport { basename } from 'node:path';\nexport const users = table(basename('/x/users'), { columns: { id: c.integer().primaryKey() } });\n",
    });
    expect(tableNames(await loadSchemaDir(dir, { cacheDir, typecheck: false }))).to.deep.equal(['users']);
    expect(entries(cacheDir)).to.deep.equal([]);
  });
});
