import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSchemaDir } from '../../src/load';
import { SchemakitError, type Problem } from '../../src/util';
import { present } from '../support/present';

const root = path.resolve(__dirname, '..', '..', '..');
const cases = path.join(root, 'test', 'load', 'cases');
const at = (file: string, line: number) => `${path.relative(process.cwd(), path.join(cases, file))}:${line}`;

async function failure(dir: string, options = {}): Promise<SchemakitError> {
  try {
    await loadSchemaDir(dir, options);
  } catch (err) {
    expect(err).to.be.instanceOf(SchemakitError);
    return err as SchemakitError;
  }
  throw new Error(`expected loading ${dir} to fail`);
}

function tempSchema(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemakit-load-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('load: loadSchemaDir', function () {
  this.timeout(60_000);
  it('loads a schema folder across files and folders, with file:line of every declaration', async () => {
    const d = await loadSchemaDir(path.join(cases, 'valid'));
    expect(d.catalog.tables.map((t) => t.name)).to.deep.equal(['teams', 'users']);
    expect(d.catalog.constraints.map((c) => c.name)).to.deep.equal(['teams_pkey', 'users_email_key', 'users_pkey', 'users_team_id_fkey']);
    expect(d.catalog.indexes.map((i) => i.name)).to.deep.equal(['users_team_id_idx']);
    expect(Object.fromEntries(d.locations)).to.deep.include({
      app: at('valid/schema.ts', 3),
      'app.role': at('valid/schema.ts', 5),
      'app.users': at('valid/tables/users.ts', 5),
      'app.users.email': at('valid/tables/users.ts', 8),
      'app.users.users_team_id_fkey': at('valid/tables/users.ts', 10),
      'app.users_team_id_idx': at('valid/tables/users.ts', 12),
      'app.teams.name': at('valid/tables/teams.ts', 7),
    });
  });

  it('reports every validation problem at once, each with its file:line', async () => {
    const err = await failure(path.join(cases, 'invalid'));
    expect(err.stage).to.equal('validate');
    expect(err.code).to.equal('invalid-schema');
    const got = err.problems.map((p: Problem) => `${p.code} ${p.object} @ ${p.location}`).sort();
    expect(got).to.deep.equal(
      [
        `duplicate-name a_idx @ ${at('invalid/tables.ts', 17)}`.replace('a_idx', 'public.a_idx'),
        `duplicate-name public.a @ ${at('invalid/zz-again.ts', 3)}`,
        `fk-type-mismatch public.a.a_ref_fkey @ ${at('invalid/tables.ts', 9)}`,
        `identity-type public.a.label @ ${at('invalid/tables.ts', 7)}`,
        `missing-column public.a_idx @ ${at('invalid/tables.ts', 10)}`,
      ].sort(),
    );
    expect(err.message).to.include('5 problem(s)');
  });

  it('reports a type error in a schema file with file:line:col', async () => {
    const dir = tempSchema({
      'ok.ts': "import { c, table } from 'schemakit';\nexport const t = table('t', { columns: { id: c.integer() } });\n",
      'bad.ts':
        "import { c, table } from 'schemakit';\n\nexport const u = table('u', {\n  columns: { n: c.integer().default('ten') },\n});\nconst x: number = 'no';\n",
    });
    const err = await failure(dir);
    expect(err.stage).to.equal('load');
    expect(err.code).to.equal('type-error');
    const places = err.problems.map((p) => p.location?.replace(/^.*[/\\]/, ''));
    expect(places).to.deep.equal(['bad.ts:4:37', 'bad.ts:6:7']);
    expect(present(err.problems[0]).message).to.match(/TS2345|TS2322/);
    fs.rmSync(dir, { recursive: true });
  });

  it("checks each program on its own though one process shares the compiler's parsed lib and schemakit declarations", async () => {
    const good = {
      'ok.ts':
        "import { c, table } from 'schemakit';\nexport const t = table('t', { columns: { id: c.integer() } });\nexport const m = new Map<string, number>();\n",
    };
    const bad = {
      'ok.ts':
        "import { c, table } from 'schemakit';\nexport const t = table('t', { columns: { id: c.integer() } });\nexport const m: Map<string, number> = new Set<string>();\n",
    };
    const [first, second, third] = [tempSchema(good), tempSchema(bad), tempSchema(good)];
    expect((await loadSchemaDir(first)).catalog.tables.map((t) => t.name)).to.deep.equal(['t']);
    const err = await failure(second);
    expect(err.problems.map((p) => p.location?.replace(/^.*[/\\]/, ''))).to.deep.equal(['ok.ts:3:14']);
    expect(present(err.problems[0]).message).to.match(/^TS2739: Type 'Set<string>' is missing/);
    expect((await loadSchemaDir(third)).catalog.tables.map((t) => t.name)).to.deep.equal(['t']);
    for (const dir of [first, second, third]) fs.rmSync(dir, { recursive: true });
  });

  it('typecheck can be skipped (then the same file evaluates)', async () => {
    const dir = tempSchema({
      'a.ts':
        "import { c, table } from 'schemakit';\nexport const t = table('t', { columns: { id: c.integer().default('x' as unknown as number) } });\nconst n: number = 'x' as any;\n",
    });
    const d = await loadSchemaDir(dir, { typecheck: false });
    expect(present(present(d.catalog.tables[0]).columns[0]).default).to.equal("'x'");
    fs.rmSync(dir, { recursive: true });
  });

  it('reports a runtime error with the file:line where it happened', async () => {
    const err = await failure(path.join(cases, 'runtime-error'));
    expect(err.stage).to.equal('load');
    expect(err.code).to.equal('runtime-error');
    expect(err.problems.map((p) => p.location)).to.deep.equal([at('runtime-error/broken.ts', 5)]);
    expect(err.message).to.include("reading 'max'");
  });

  it('reports an error thrown by a declaration callback with its file:line', async () => {
    const err = await failure(path.join(cases, 'callback-error'));
    expect(err.code).to.equal('runtime-error');
    expect(present(err.problems[0]).location).to.equal(at('callback-error/tables.ts', 4));
  });

  it('reports syntax errors and missing folders', async () => {
    const dir = tempSchema({ 'a.ts': 'export const = 1;\n' });
    const err = await failure(dir, { typecheck: false });
    expect(err.code).to.equal('syntax-error');
    expect(present(err.problems[0]).location).to.match(/a\.ts:1:\d+$/);
    fs.rmSync(dir, { recursive: true });
    expect((await failure(path.join(cases, 'nope'))).code).to.equal('not-found');
  });

  it('loads and validates the example schema (reporting + genomics)', async () => {
    const d = await loadSchemaDir(path.join(root, 'schema'));
    const tables = d.catalog.tables.map((t) => `${t.schema}.${t.name}`);
    expect(tables).to.include.members([
      'reporting.organizations',
      'reporting.users',
      'reporting.templates',
      'reporting.reports',
      'reporting.report_executions',
      'reporting.audit_logs',
      'genomics.snp',
      'genomics.skincharacteristic',
      'genomics.condition',
      'genomics.ingredient',
      'genomics.ingredient_caution',
      'genomics.snp_characteristic_link',
      'genomics.characteristic_condition_link',
      'genomics.snp_ingredient_link',
      'genomics.condition_ingredient_link',
    ]);
    expect(d.catalog.enums.map((e) => e.name)).to.include.members([
      'evidence_level_enum',
      'effect_direction_enum',
      'recommendation_strength_enum',
      'subscription_tier',
    ]);
    const pk = d.catalog.constraints.find((c) => c.name === 'snp_characteristic_link_pkey');
    expect(pk).to.deep.include({ kind: 'PrimaryKey', columns: ['snp_id', 'characteristic_id'] });
    // Every object has a location in schema/.
    for (const key of [...tables, ...d.catalog.indexes.map((i) => `${i.schema}.${i.name}`)]) expect(d.locations.get(key), key).to.match(/^schema\/.+\.ts:\d+$/);
  });
});
