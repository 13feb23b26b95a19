import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createPatch } from 'diff';
import { createTempDatabase, defaultAdminUrl, urlForDatabase, type Db, type TempDatabase } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { applyPlan } from '../../src/apply';
import { hazardKinds, planChanges } from '../../src/plan';
import { generateSchemaSql } from '../../bench/setup-db';
import { allFamilies, realisticObjectsSql, type ObjectFamily } from '../../bench/realistic-objects';
import { catalogView as view } from '../support/catalog-view';
import { engine } from '../support/engines';

const execFileAsync = promisify(execFile);

/**
 * Object families of bench/realistic-objects.ts the engine manages (grows as object kinds land). The
 * round trip is only meaningful for managed kinds: unmanaged ones are reported, never created.
 */
const managed: readonly ObjectFamily[] = allFamilies;

/** The generator's tables (bench/gen-schema.js) plus triggers, functions, views… on top. */
function realisticSql(tables: number): string {
  const base = generateSchemaSql(tables, 7);
  return base + realisticObjectsSql(base, managed);
}

async function psql(url: string, sql: string): Promise<void> {
  const child = execFileAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', '-'], { maxBuffer: 1 << 26 });
  child.child.stdin!.end(sql);
  await child;
}

/** `pg_dump --schema-only` without comment lines and blank lines (they carry dump-time noise only). */
async function schemaDump(url: string): Promise<string> {
  const { stdout } = await execFileAsync('pg_dump', ['--schema-only', '--no-owner', '-d', url], { maxBuffer: 1 << 28 });
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('--') && !l.startsWith('\\restrict') && !l.startsWith('\\unrestrict'))
    .join('\n');
}

/** diff(new empty database `target` → `source`), applied to `target`; returns both catalogs after. */
async function reproduce(source: Db, target: Db) {
  const original = await introspect(source);
  const plan = planChanges(diffCatalogs(await introspect(target), original));
  await applyPlan(target, plan, { allowHazards: hazardKinds, chunked: true });
  const copy = await introspect(target);
  return { original, copy, plan };
}

const pg = engine('postgres');
(pg ? describe : describe.skip)('round trip of a realistic schema (postgres-15)', function () {
  this.timeout(600_000);
  let a: TempDatabase;
  let b: TempDatabase;
  before(async () => {
    [a, b] = [await createTempDatabase(defaultAdminUrl(), 'schemakit_rt'), await createTempDatabase(defaultAdminUrl(), 'schemakit_rt')];
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  it('diff --from empty --to DB, applied to an empty database, reproduces DB: empty re-diff, same pg_dump', async () => {
    const urlA = urlForDatabase(defaultAdminUrl(), a.name);
    const urlB = urlForDatabase(defaultAdminUrl(), b.name);
    await psql(urlA, realisticSql(300));
    const { original, copy } = await reproduce(a.db, b.db);
    expect(view(copy)).to.deep.equal(view(original));
    expect(
      planChanges(diffCatalogs(copy, original)).steps.map((s) => s.sql),
      're-diff',
    ).to.deep.equal([]);
    const [dumpA, dumpB] = [await schemaDump(urlA), await schemaDump(urlB)];
    if (dumpA !== dumpB) expect.fail(`pg_dump --schema-only differs:\n${createPatch('dump', dumpA, dumpB).slice(0, 8000)}`);
  });
});

const lite = engine('pglite');
(lite ? describe : describe.skip)('round trip of a realistic schema (pglite-18)', function () {
  this.timeout(600_000);
  it('diff --from empty --to DB reproduces DB: equal catalogs, empty re-diff', async () => {
    const [a, b] = [await lite!.fresh(), await lite!.fresh()];
    try {
      await a.exec(realisticSql(60));
      const { original, copy } = await reproduce(a, b);
      expect(view(copy)).to.deep.equal(view(original));
      expect(
        planChanges(diffCatalogs(copy, original)).steps.map((s) => s.sql),
        're-diff',
      ).to.deep.equal([]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
