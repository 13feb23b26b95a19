import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { c, check, collectDeclarations, enumType, primaryKey, referenceData, schema, sql, table } from '../../src/declare';
import { exportCsv, loadCsv } from '../../src/data';
import { applyPlan } from '../../src/apply';
import { planDeclaredWithData, prepareReferenceData } from '../../src/pipeline';
import { renderDown, renderUp, type Plan } from '../../src/plan';
import { formatProblem, SchemakitError } from '../../src/util';
import { engines, useFreshDb } from '../support/engines';
import type { Db } from '../../src/db';
import { present } from '../support/present';

/** A small reference schema: kinds (enum), genes, snps (CHECK, lengths), and a link table with natural-key lookups. */
function declarations() {
  const g = schema('gx');
  const level = enumType(g, 'level', ['Strong', 'Moderate', 'Weak']);
  const gene = table(g, 'gene', { columns: { gene_id: c.serial().primaryKey(), symbol: c.varchar(10).notNull().unique(), note: c.text() } });
  const snp = table(g, 'snp', {
    columns: {
      snp_id: c.serial().primaryKey(),
      rsid: c.varchar(12).notNull().unique(),
      gene: c.varchar(10).notNull().references(() => gene.columns.symbol),
      weight: c.integer().notNull(),
      level: c.enum(level),
    },
    checks: (t) => [check('snp_rsid_format', sql`${t.rsid} ~ '^rs[0-9]+$'`)],
  });
  const trait = table(g, 'trait', { columns: { trait_id: c.serial().primaryKey(), name: c.text().notNull().unique() } });
  const link = table(g, 'snp_trait', {
    columns: { snp_id: c.integer().notNull().references(() => snp.columns.snp_id), trait_id: c.integer().notNull().references(() => trait.columns.trait_id), note: c.text() },
    primaryKey: (t) => primaryKey(t.snp_id, t.trait_id),
  });
  return { g, gene, snp, trait, link };
}

function declared(mode: 'sync' | 'upsert' | 'insert' = 'sync') {
  const d = declarations();
  const linkData = referenceData(d.link, {
    lookups: { snp_rsid: { column: 'snp_id', match: d.snp.columns.rsid }, trait_name: { column: 'trait_id', match: d.trait.columns.name } },
  });
  const snpData = referenceData(d.snp, { mode });
  return collectDeclarations([{ ...d, linkData, snpData }]);
}

const GOOD: Record<string, string> = {
  'data/gx/gene.csv': 'symbol,note\nMC1R,"pigment, red hair"\nFLG,""\nTYR,\n',
  'data/gx/snp.csv': 'rsid,gene,weight,level\nrs100,MC1R,1,Strong\nrs200,FLG,2,\nrs300,TYR,3,Weak\n',
  'data/gx/trait.csv': 'name\nMelanin\nBarrier\n',
  'data/gx/snp_trait.csv': 'snp_rsid,trait_name,note\nrs100,Melanin,"line one\nline two"\nrs200,Barrier,\nrs300,Melanin,ünïcödé ✓\n',
};

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'schemakit-data-'));
  for (const [f, text] of Object.entries(files)) {
    if (text === undefined) continue;
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

async function problemsOf(db: Db, files: Record<string, string>): Promise<string[]> {
  const root = project(files);
  try {
    return (await prepareReferenceData(declared(), db, { root })).problems.map(formatProblem);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function rows(db: Db, table: string, order: string): Promise<unknown[]> {
  return db.query(`SELECT * FROM ${table} ORDER BY ${order}`);
}

async function plan(db: Db, root: string, mode: 'sync' | 'upsert' | 'insert' = 'sync'): Promise<Plan> {
  return planDeclaredWithData(db, declared(mode), {}, { root });
}

for (const engine of engines) {
  describe(`data: reference data (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('validates every rule at once, as file:line:col', async () => {
      const problems = await problemsOf(db(), {
        ...GOOD,
        'data/gx/trait.csv': 'name,bogus,name\nMelanin,b,c\n',
        'data/gx/snp.csv': 'rsid,gene,weight,level\nrs100,MC1R,1,Strong\nrs12x,MC1R,2,Weak\nrs300,MC1R,x,Weak\nrs400,MC1R,4,Stronk\nrs500,MC1R,,Weak\nrs600,VERYLONGGENE,6,\nrs100,MC1R,7,\nrs800,NOPE,8,\n',
        'data/gx/snp_trait.csv': 'snp_rsid,trait_name,note\nrs100,Melanin,\nrs999,Melanin,\n',
      });
      expect(problems).to.include.members([
        'data/gx/trait.csv:1:2: column "bogus": unknown column: gx.trait has no column "bogus"',
        'data/gx/trait.csv:1:3: column "name": duplicate column',
      ]);
      const has = (prefix: string, text: string) => expect(problems.some((p) => p.startsWith(prefix) && p.includes(text)), `${prefix} … ${text} in\n${problems.join('\n')}`).to.equal(true);
      has('data/gx/snp.csv:3:1: column "rsid": "rs12x"', 'does not match CHECK snp_rsid_format');
      has('data/gx/snp.csv:4:3: column "weight": "x"', 'is not a valid integer');
      has('data/gx/snp.csv:5:4: column "level": "Stronk"', 'invalid input value for enum');
      has('data/gx/snp.csv:6:3: column "weight"', 'NOT NULL');
      has('data/gx/snp.csv:7:2: column "gene": "VERYLONGGENE"', 'longer than 10 characters');
      has('data/gx/snp.csv:8:1: column "rsid"', 'duplicate key (rsid) = (rs100): also on line 2');
      has('data/gx/snp.csv:9:2: column "gene"', '"NOPE" not found in gx.gene (symbol)');
      has('data/gx/snp_trait.csv:3:1: column "snp_rsid"', '"rs999" not found in gx.snp (rsid)');
    });

    it('reports a missing NOT NULL column and checks foreign keys against existing rows', async () => {
      await db().exec('CREATE SCHEMA gx; CREATE TABLE gx.gene (gene_id serial PRIMARY KEY, symbol varchar(10) NOT NULL UNIQUE, note text)');
      await db().exec("INSERT INTO gx.gene (symbol) VALUES ('OLD')");
      const problems = await problemsOf(db(), { ...GOOD, 'data/gx/gene.csv': undefined as never, 'data/gx/snp.csv': 'rsid,gene\nrs1,OLD\n' });
      expect(problems).to.deep.equal(['data/gx/snp.csv:1:1: column "weight": missing: the column is NOT NULL and has no default']);
      const fk = await problemsOf(db(), { 'data/gx/snp.csv': 'rsid,gene,weight\nrs1,OLD,1\nrs2,GONE,2\n', 'data/gx/trait.csv': 'name\n', 'data/gx/snp_trait.csv': 'snp_rsid,trait_name,note\n' });
      expect(fk).to.have.length(1);
      expect(fk[0]).to.match(/^data\/gx\/snp\.csv:3:2: column "gene": "GONE" not found in gx\.gene/);
    });

    it('plans the DDL, then rows in foreign-key order with lookups; apply loads them; a second plan is empty', async () => {
      const root = project(GOOD);
      const p = await plan(db(), root);
      const data = p.steps.filter((s) => s.change.kind === 'SyncTableData');
      expect(data.map((s) => s.object)).to.deep.equal(['gx.gene', 'gx.snp', 'gx.trait', 'gx.snp_trait'].filter((t) => data.some((s) => s.object === t)).sort((a, b) => data.findIndex((s) => s.object === a) - data.findIndex((s) => s.object === b)));
      const at = (t: string) => p.steps.findIndex((s) => s.object === t && s.change.kind === 'SyncTableData');
      expect(at('gx.gene')).to.be.lessThan(at('gx.snp'));
      expect(at('gx.snp')).to.be.lessThan(at('gx.snp_trait'));
      expect(at('gx.trait')).to.be.lessThan(at('gx.snp_trait'));
      expect(p.steps.findIndex((s) => s.change.kind === 'CreateTable')).to.be.lessThan(at('gx.gene'));
      expect(renderUp(p)).to.include(`(SELECT snp_id FROM gx.snp WHERE rsid = 'rs100')`);
      await applyPlan(db(), p);
      expect(await db().query('SELECT symbol, note FROM gx.gene ORDER BY symbol')).to.deep.equal([
        { symbol: 'FLG', note: '' }, { symbol: 'MC1R', note: 'pigment, red hair' }, { symbol: 'TYR', note: null },
      ]);
      expect(await db().query('SELECT s.rsid, t.name, l.note FROM gx.snp_trait l JOIN gx.snp s USING (snp_id) JOIN gx.trait t USING (trait_id) ORDER BY 1')).to.deep.equal([
        { rsid: 'rs100', name: 'Melanin', note: 'line one\nline two' }, { rsid: 'rs200', name: 'Barrier', note: null }, { rsid: 'rs300', name: 'Melanin', note: 'ünïcödé ✓' },
      ]);
      expect((await plan(db(), root)).steps).to.deep.equal([]);
      rmSync(root, { recursive: true, force: true });
    });

    it('modes: sync updates and deletes (a deletes-data hazard), upsert never deletes, insert only adds', async () => {
      const root = project(GOOD);
      await applyPlan(db(), await plan(db(), root));
      writeFileSync(join(root, 'data/gx/snp.csv'), 'rsid,gene,weight,level\nrs100,MC1R,10,Strong\nrs200,FLG,2,\nrs400,TYR,4,\n');
      writeFileSync(join(root, 'data/gx/snp_trait.csv'), 'snp_rsid,trait_name,note\nrs100,Melanin,"line one\nline two"\nrs200,Barrier,\n');
      const sync = await plan(db(), root, 'sync');
      const kinds = (p: Plan, t: string) => p.steps.filter((s) => s.object === t && s.change.kind === 'SyncTableData').map((s) => (s.change.kind === 'SyncTableData' ? `${s.change.action}:${s.change.rows.length}` : ''));
      expect(kinds(sync, 'gx.snp')).to.deep.equal(['delete:1', 'update:1', 'insert:1']);
      expect(sync.steps.find((s) => s.op === '-' && s.object === 'gx.snp')!.hazards.map((h) => h.kind)).to.deep.equal(['deletes-data']);
      // The link row pointing at rs300 goes before rs300 itself.
      expect(sync.steps.findIndex((s) => s.object === 'gx.snp_trait' && s.op === '-')).to.be.lessThan(sync.steps.findIndex((s) => s.object === 'gx.snp' && s.op === '-'));
      const refused = await applyPlan(db(), sync).then(() => null, (e) => e);
      expect(refused).to.be.instanceOf(SchemakitError);
      expect(String(refused.message)).to.include('deletes-data');
      expect(kinds(await plan(db(), root, 'upsert'), 'gx.snp')).to.deep.equal(['update:1', 'insert:1']);
      expect(kinds(await plan(db(), root, 'insert'), 'gx.snp')).to.deep.equal(['insert:1']);
      await applyPlan(db(), sync, { allowHazards: ['deletes-data'] });
      expect(await db().query('SELECT rsid, weight FROM gx.snp ORDER BY rsid')).to.deep.equal([{ rsid: 'rs100', weight: 10 }, { rsid: 'rs200', weight: 2 }, { rsid: 'rs400', weight: 4 }]);
      expect((await plan(db(), root)).steps).to.deep.equal([]);
      rmSync(root, { recursive: true, force: true });
    });

    it('rolls schema and data back together when a data statement fails', async () => {
      const root = project(GOOD);
      const p = await plan(db(), root);
      // The last insert's lookup of a variant that is not there: NULL into a NOT NULL column, at apply time.
      const last = p.steps.length - 1;
      const broken: Plan = { steps: p.steps.map((s, i) => (i === last ? { ...s, sql: s.sql.replace("'rs300'", "'rs999'") } : s)) };
      expect(present(broken.steps[last]).sql).to.include("'rs999'");
      const err = await applyPlan(db(), broken).then(() => null, (e) => e);
      expect(err).to.be.instanceOf(Error);
      expect(await db().query("SELECT to_regclass('gx.gene')::text AS r")).to.deep.equal([{ r: null }]);
      rmSync(root, { recursive: true, force: true });
    });

    it('up then down (as generate writes them) restores the rows exactly', async () => {
      const root = project(GOOD);
      await applyPlan(db(), await plan(db(), root));
      const snapshot = async () => [await rows(db(), 'gx.gene', 'gene_id'), await rows(db(), 'gx.snp', 'snp_id'), await rows(db(), 'gx.snp_trait', 'snp_id, trait_id')];
      const before = await snapshot();
      writeFileSync(join(root, 'data/gx/gene.csv'), 'symbol,note\nMC1R,changed\nFLG,""\nTYR,\nNEW1,x\n');
      writeFileSync(join(root, 'data/gx/snp.csv'), 'rsid,gene,weight,level\nrs100,NEW1,1,Moderate\nrs200,FLG,2,\n');
      writeFileSync(join(root, 'data/gx/snp_trait.csv'), 'snp_rsid,trait_name,note\nrs200,Barrier,now noted\n');
      const p = await plan(db(), root);
      await db().exec(`BEGIN; ${renderUp(p)}; COMMIT`);
      expect((await plan(db(), root)).steps).to.deep.equal([]);
      await db().exec(`BEGIN; ${renderDown(p)}; COMMIT`);
      expect(await snapshot()).to.deep.equal(before);
      rmSync(root, { recursive: true, force: true });
    });

    it('export then load round-trips byte for byte (quotes, commas, newlines, unicode, NULL vs "")', async () => {
      await db().exec('CREATE TABLE public.t (id integer PRIMARY KEY, a text, b text, n numeric, d date)');
      await db().exec(`INSERT INTO public.t VALUES (1, 'say "hi", ok', NULL, 1.50, '2024-02-29'), (2, '', 'multi\nline\r\nend', NULL, NULL), (3, 'ünïcödé ✓ 日本', ',', -0, '1999-12-31')`);
      const dir = mkdtempSync(join(tmpdir(), 'schemakit-export-'));
      const [one, two] = [join(dir, 'one.csv'), join(dir, 'two.csv')];
      await exportCsv(db(), 'public.t', one);
      await db().exec('CREATE TABLE public.u (LIKE public.t)');
      await loadCsv(db(), 'public.u', one);
      await exportCsv(db(), 'public.u', two);
      expect(readFileSync(two)).to.deep.equal(readFileSync(one));
      expect(await rows(db(), 'public.u', 'id')).to.deep.equal(await rows(db(), 'public.t', 'id'));
      // A bad row aborts the load with its line, and nothing is committed (--truncate included).
      writeFileSync(join(dir, 'bad.csv'), 'id,a\n10,x\n11,"two\nlines"\nnot-a-number,y\n');
      const err = await loadCsv(db(), 'public.u', join(dir, 'bad.csv'), { truncate: true, pgliteChunkBytes: 8 }).then(() => null, (e) => e);
      expect(err).to.be.instanceOf(SchemakitError);
      expect(err.message).to.match(/bad\.csv:5: .*not-a-number/);
      expect(await db().query('SELECT count(*)::int AS n FROM public.u')).to.deep.equal([{ n: 3 }]);
      rmSync(dir, { recursive: true, force: true });
    });
  });
}
