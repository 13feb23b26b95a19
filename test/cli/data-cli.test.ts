import { expect } from 'chai';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engines } from '../support/engines';
import { expectExit, useCliTarget } from './cli-target';
import { describeRun, runCli } from './run-cli';

const files = {
  'ref.ts': `import { c, check, schema, sql, table } from 'schemakit';
export const ref = schema('ref');
export const color = table(ref, 'color', {
  columns: { color_id: c.serial().primaryKey(), code: c.varchar(6).notNull().unique(), name: c.text() },
  checks: (t) => [check('color_code_hex', sql\`\${t.code} ~ '^[0-9a-f]{6}$'\`)],
});
`,
};

/** Issue 12: the data commands as CI runs them: exit codes, one JSON document, file:line:col, loads that commit nothing on a bad row. */
for (const engine of engines) {
  describe(`cli data validate|load|export|seed on ${engine.name}`, function () {
    this.timeout(900_000);
    const target = useCliTarget(engine, files, 'schemakit-cli-data-');
    const write = (dir: string, f: string, text: string) => {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), text);
    };

    it('validate: exit 0 when valid, 1 with file:line:col problems; --json is one document', async () => {
      const { project, urlArgs } = target();
      const opts = { cwd: project.dir, timeoutMs: 280_000 };
      rmSync(join(project.dir, 'data'), { recursive: true, force: true });
      expectExit(await runCli(['apply', '--yes', ...urlArgs], opts), 0);
      write(project.dir, 'data/ref/color.csv', 'color_id,code,name\n1,ff0000,red\n2,00ff00,green\n');
      const ok = await runCli(['data', 'validate', ...urlArgs], opts);
      expectExit(ok, 0);
      expect(ok.stdout).to.include('1 reference table(s), 2 row(s): valid');
      write(project.dir, 'data/ref/color.csv', 'color_id,code,name\n1,ff0000,red\nx,00ff00,green\n3,zz,blue\n');
      const bad = await runCli(['data', 'validate', ...urlArgs], opts);
      expectExit(bad, 1);
      expect(bad.stdout, describeRun(bad)).to.match(/data\/ref\/color\.csv:3:1: column "color_id": "x" is not a valid integer/);
      expect(bad.stdout, describeRun(bad)).to.match(/data\/ref\/color\.csv:4:2: column "code": "zz" does not match CHECK color_code_hex/);
      const json = await runCli(['data', 'validate', '--json', ...urlArgs], opts);
      expectExit(json, 1);
      const doc = JSON.parse(json.stdout);
      expect(doc.valid).to.equal(false);
      expect(doc.problems.map((p: { file: string; line: number; column: number }) => `${p.file}:${p.line}:${p.column}`)).to.deep.equal([
        'data/ref/color.csv:3:1',
        'data/ref/color.csv:4:2',
      ]);
    });

    it('load: a bad row aborts with its line and commits nothing; export round-trips; --json; seed', async () => {
      const { project, urlArgs } = target();
      const opts = { cwd: project.dir, timeoutMs: 280_000 };
      rmSync(join(project.dir, 'data'), { recursive: true, force: true });
      expectExit(await runCli(['apply', '--yes', ...urlArgs], opts), 0);
      write(project.dir, 'good.csv', 'color_id,code,name\n1,ff0000,red\n2,00ff00,"green, ""lime"""\n');
      const load = await runCli(['data', 'load', 'ref.color', 'good.csv', '--json', ...urlArgs], opts);
      expectExit(load, 0);
      expect(() => JSON.parse(load.stdout), describeRun(load)).not.to.throw();
      write(project.dir, 'bad.csv', 'color_id,code,name\n3,0000ff,blue\n4,123456,"two\nlines"\nnope,abcdef,x\n');
      const bad = await runCli(['data', 'load', 'ref.color', 'bad.csv', '--truncate', ...urlArgs], opts);
      expectExit(bad, 1);
      expect(bad.stderr, describeRun(bad)).to.match(/bad\.csv:5: .*nope.*nothing was loaded/);
      const out = await runCli(['data', 'export', 'ref.color', ...urlArgs], opts);
      expectExit(out, 0);
      // Nothing of bad.csv was committed, and --truncate was rolled back too.
      expect(out.stdout).to.equal('color_id,code,name\n1,ff0000,red\n2,00ff00,"green, ""lime"""\n');
      write(project.dir, 'data/seeds/dev/ref/color.csv', 'code,name\nabcdef,seeded\n');
      const seed = await runCli(['data', 'seed', 'dev', '--json', ...urlArgs], opts);
      expectExit(seed, 0);
      expect(() => JSON.parse(seed.stdout), describeRun(seed)).not.to.throw();
      const after = await runCli(['data', 'export', 'ref.color', '--where', "name = 'seeded'", ...urlArgs], opts);
      // The load advanced the serial sequence past the explicit ids: the seeded row got id 3.
      expect(after.stdout, describeRun(after)).to.equal('color_id,code,name\n3,abcdef,seeded\n');
      const toFile = await runCli(['data', 'export', 'ref.color', '--out', 'colors.csv', '--json', ...urlArgs], opts);
      expectExit(toFile, 0);
      expect(JSON.parse(toFile.stdout), describeRun(toFile)).to.deep.include({ table: 'ref.color', file: 'colors.csv' });
      expect(readFileSync(join(project.dir, 'colors.csv'), 'utf8').split('\n')[0]).to.equal('color_id,code,name');
      expectExit(await runCli(['data', 'export', 'ref.color', '--json', ...urlArgs], opts), 1);
      const missing = await runCli(['data', 'load', 'ref.nope', 'good.csv', ...urlArgs], opts);
      expectExit(missing, 1);
    });
  });
}
