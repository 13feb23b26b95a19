import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { loadSchemaDir } from '../../src/load';
import { schemakitTypes } from '../../src/load/package-root';
import { compileOptions, sharingHost } from '../../src/load/typecheck';
import { checkStateEnv, fileHashes, readCheckState } from '../../src/load/typecheck-cache';
import { compileIncrementally } from '../../src/load/typecheck-incremental';
import { SchemakitError, type Problem } from '../../src/util';

/** A project of schema files (a `schema/` folder and its `.schemakit/cache`). */
function project(files: Record<string, string>): { dir: string; cacheDir: string; write: (name: string, text: string) => void; copy: () => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemakit-incremental-'));
  const dir = path.join(root, 'schema');
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  // A copy of the folder as it is now, without any cache: what a cold run sees.
  const copy = () => {
    const cold = fs.mkdtempSync(path.join(os.tmpdir(), 'schemakit-incremental-cold-'));
    fs.cpSync(dir, path.join(cold, 'schema'), { recursive: true });
    return path.join(cold, 'schema');
  };
  return { dir, cacheDir: path.join(root, '.schemakit', 'cache'), write, copy };
}

type Outcome = { ok: unknown } | { problems: readonly Problem[] };

/** Loads a folder; problems are named relative to the folder so that a copy compares equal. */
async function outcome(dir: string, cacheDir?: string): Promise<Outcome> {
  try {
    const d = await loadSchemaDir(dir, cacheDir ? { cacheDir } : {});
    return { ok: { catalog: d.catalog, locations: [...d.locations].map(([k, v]) => [k, path.relative(dir, path.resolve(v))]) } };
  } catch (err) {
    if (!(err instanceof SchemakitError)) throw err;
    return { problems: (err.problems ?? []).map((p) => ({ ...p, location: p.location && path.relative(dir, path.resolve(p.location)) })) };
  }
}

/** Loads the project with its cache and a copy of it cold; both must agree. Returns the warm outcome. */
async function sameAsCold(p: ReturnType<typeof project>): Promise<Outcome> {
  const warm = await outcome(p.dir, p.cacheDir);
  expect(warm).to.deep.equal(await outcome(p.copy()));
  return warm;
}

const users = (extra = '') => `import { table, c } from 'schemakit';
export const users = table('users', {
  columns: { id: c.bigint().primaryKey(), email: c.text().notNull()${extra} },
});
`;
const orders = `import { table, c } from 'schemakit';
import { users } from './users';
export const orders = table('orders', {
  columns: { id: c.bigint().primaryKey(), user_id: c.bigint().references(() => users.columns.id) },
});
`;
const items = `import { table, c } from 'schemakit';
import { orders } from './orders';
export const items = table('items', {
  columns: { id: c.bigint().primaryKey(), order_id: c.bigint().references(() => orders.columns.id) },
});
`;
const teams = `import { table, c } from 'schemakit';
export const teams = table('teams', { columns: { id: c.integer().primaryKey() } });
`;

const checked = (cacheDir: string) => readCheckState(cacheDir);

describe('load: the incremental type check', function () {
  this.timeout(120_000);

  it('an edit gives the declarations and problems of a cold run, through type errors and back', async () => {
    const p = project({ 'users.ts': users(), 'orders.ts': orders, 'items.ts': items, 'teams.ts': teams });
    await sameAsCold(p);
    // A comment: the same declarations.
    p.write('teams.ts', `${teams}// a comment\n`);
    expect(await sameAsCold(p)).to.have.property('ok');
    // A column removed that a file importing it (indirectly too) relies on: their type errors, as cold.
    p.write('orders.ts', orders.replace('user_id: c.bigint().references(() => users.columns.id)', 'user_id: c.bigint().references(() => users.columns.idx)'));
    const broken = await sameAsCold(p);
    expect(broken).to.have.property('problems').with.length.above(0);
    p.write('orders.ts', orders);
    p.write('users.ts', users().replace('id: c.bigint().primaryKey(), ', ''));
    const missing = await sameAsCold(p);
    expect(missing).to.have.property('problems');
    expect((missing as { problems: Problem[] }).problems.map((x) => x.location)).to.satisfy((l: string[]) => l.some((x) => x.startsWith('orders.ts')));
    // Fixed again: the same declarations as a cold run.
    p.write('users.ts', users(", nick: c.text().comment('shown')"));
    expect(await sameAsCold(p)).to.have.property('ok');
    // A file added, one removed, a comment moving code down a line (declaration sites move).
    p.write('more/tags.ts', `import { table, c } from 'schemakit';\nexport const tags = table('tags', { columns: { id: c.integer().primaryKey() } });\n`);
    fs.rmSync(path.join(p.dir, 'teams.ts'));
    expect(await sameAsCold(p)).to.have.property('ok');
    p.write('users.ts', `// moved\n${users()}`);
    const moved = await sameAsCold(p);
    expect((moved as { ok: { locations: string[][] } }).ok.locations).to.deep.include(['public.users', 'users.ts:3']);
  });

  it('checks nothing when only comments changed, and the edited file and what imports it when its syntax changed', async () => {
    const p = project({ 'users.ts': users(), 'orders.ts': orders, 'items.ts': items, 'teams.ts': teams });
    await outcome(p.dir, p.cacheDir);
    const before = checked(p.cacheDir);
    expect(Object.keys(before?.files ?? {})).to.have.length(4);
    // What an edit checks: the stored state against the folder as it is now.
    const files = () => ['items.ts', 'orders.ts', 'teams.ts', 'users.ts'].map((f) => path.join(p.dir, f));
    const recheck = () => {
      const hashes = fileHashes(files());
      const result = compileIncrementally(files(), hashes, schemakitTypes(), checkStateEnv(schemakitTypes()), checked(p.cacheDir));
      expect(result.problems).to.deep.equal([]);
      return result;
    };
    p.write('users.ts', `${users()}\n// a comment only\n`);
    expect(recheck().checked).to.equal(0); // the same syntax: nothing to check
    await outcome(p.dir, p.cacheDir);
    p.write('users.ts', users(', nick: c.text()'));
    const edit = recheck();
    expect(edit.checked).to.equal(3); // users.ts, and orders.ts and items.ts that import it (directly or not)
    expect([...edit.outputs.keys()].map((f) => path.basename(f)).sort()).to.deep.equal(['items.ts', 'orders.ts', 'users.ts']);
  });

  it('a comment edit in a file with @ts- directives is checked as an edit of the code', async () => {
    const p = project({ 'users.ts': users(), 'bad.ts': `// @ts-expect-error a number is no string\nexport const n: string = 1;\n` });
    expect(await sameAsCold(p)).to.have.property('ok');
    p.write('bad.ts', `// no longer @ts-expect-error, only a comment\nexport const n: string = 1;\n`);
    expect(await sameAsCold(p))
      .to.have.property('problems')
      .with.length.above(0);
  });

  it("the schema files' program reads only the declaration API's types (not @types/node, pg or PGlite)", () => {
    const typescript = require('typescript') as typeof TS;
    const types = schemakitTypes();
    const options = compileOptions(typescript, types);
    const p = project({ 'teams.ts': teams });
    const program = typescript.createProgram({ rootNames: [path.join(p.dir, 'teams.ts')], options, host: sharingHost(typescript, options, types) });
    const outside = program.getSourceFiles().filter((f) => f.fileName.includes('node_modules') && !f.fileName.includes('/typescript/lib/'));
    expect(outside.map((f) => f.fileName)).to.deep.equal([]);
  });
});
