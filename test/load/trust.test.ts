import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSchemaDir } from '../../src/load';
import { SchemakitError } from '../../src/util';

/** Issue 10 items 12, 14 and 17: what a schema file may do while loading, and the errors it gets. */
function tempSchema(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemakit-trust-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function failure(dir: string): Promise<SchemakitError> {
  try {
    await loadSchemaDir(dir);
  } catch (err) {
    expect(err).to.be.instanceOf(SchemakitError);
    return err as SchemakitError;
  }
  throw new Error(`expected loading ${dir} to fail`);
}

const long = 'x'.repeat(64);

describe('load: schema files are trusted code, within limits', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const temp = (files: Record<string, string>) => {
    const d = tempSchema(files);
    dirs.push(d);
    return d;
  };

  it('process.exit(0) in a schema file is an error naming the file, and the process goes on', async () => {
    const dir = temp({
      'a.ts': "import { table, c } from 'schemakit';\nexport const a = table('a', { columns: { id: c.integer() } });\n",
      'b.ts':
        "import { table, c } from 'schemakit';\nexport const b = table('b', { columns: { id: c.integer() } });\n(globalThis as unknown as { process: { exit(code: number): void } }).process.exit(0);\n",
    });
    const e = await failure(dir);
    expect(e.code).to.equal('runtime-error');
    expect(e.message).to.contain('b.ts:3');
    expect(e.message).to.contain('process.exit(0)');
    expect(typeof process.exit).to.equal('function');
  });

  it('names over 63 bytes are refused for views, sequences, domains, functions, triggers and policies, with file:line', async () => {
    const dir = temp({
      'all.ts': [
        "import { table, c, view, sequence, domain, func, trigger, policy, sql } from 'schemakit';",
        `export const t = table('t', { columns: { id: c.integer() }, policies: () => [policy('p${long}').using(sql\`true\`)] });`,
        `export const v = view('public', 'v${long}', { as: sql\`SELECT 1 AS one\` });`,
        `export const s = sequence('public', 's${long}', {});`,
        `export const d = domain('public', 'd${long}', 'text');`,
        `export const f = func('public', 'f${long}', { returns: 'trigger', language: 'plpgsql', body: 'BEGIN RETURN NEW; END' });`,
        `export const tr = trigger(t, 'tr${long}', { timing: 'before', events: ['insert'], forEach: 'row', function: f });`,
      ].join('\n'),
    });
    const e = await failure(dir);
    const tooLong = e.problems.filter((p) => p.code === 'name-too-long');
    expect(tooLong.map((p) => p.message.split(' name ')[0]).sort()).to.deep.equal(['domain', 'policy', 'routine', 'sequence', 'trigger', 'view']);
    for (const p of tooLong) expect(p.location, p.message).to.match(/all\.ts:\d+/);
  });

  it('circular imports (TS7022) say how to annotate the reference', async () => {
    const dir = temp({
      'users.ts':
        "import { table, c } from 'schemakit';\nimport { teams } from './teams';\nexport const users = table('users', { columns: { id: c.integer().primaryKey(), team_id: c.integer().references(() => teams.columns.id) } });\n",
      'teams.ts':
        "import { table, c } from 'schemakit';\nimport { users } from './users';\nexport const teams = table('teams', { columns: { id: c.integer().primaryKey(), owner_id: c.integer().references(() => users.columns.id) } });\n",
    });
    const e = await failure(dir);
    const all = [e.message, ...e.problems.map((p) => p.message)].join('\n');
    expect(all).to.match(/TS70(22|23|24)/);
    expect(all).to.contain('(): ColumnRef =>');
  });
});
