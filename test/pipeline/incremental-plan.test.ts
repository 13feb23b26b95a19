import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSchemaDir } from '../../src/load';
import { planTarget } from '../../src/index';
import { SchemakitError } from '../../src/util';
import { engines, useFreshDb } from '../support/engines';

const users = (email: string) => `import { table, c } from 'schemakit';
export const users = table('users', {
  columns: { id: c.bigint().primaryKey(), email: ${email} },
});
`;
const orders = `import { table, c } from 'schemakit';
import { users } from './users';
export const orders = table('orders', {
  columns: { id: c.bigint().primaryKey(), user_id: c.bigint().references(() => users.columns.id), email: c.text() },
});
`;

/**
 * A project kept between runs (its `.schemakit/cache` fills up, as the CLI's) and, for each step, a cold copy
 * of its schema folder without any cache: both must plan the same, or fail with the same problems.
 */
for (const engine of engines) {
  describe(`pipeline: a plan after an edit equals a cold plan (${engine.name})`, function () {
    this.timeout(180_000);
    const fresh = useFreshDb(engine);
    const roots: string[] = [];
    after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));
    const temp = () => {
      const r = fs.mkdtempSync(path.join(os.tmpdir(), 'schemakit-incremental-plan-'));
      roots.push(r);
      return r;
    };

    async function plan(root: string): Promise<{ sql: string[] } | { problems: unknown[] }> {
      const dir = path.join(root, 'schema');
      try {
        const declared = await loadSchemaDir(dir, { cacheDir: path.join(root, '.schemakit', 'cache') });
        return { sql: (await planTarget(fresh(), declared, {}, { root })).steps.map((s) => s.sql) };
      } catch (err) {
        if (!(err instanceof SchemakitError)) throw err;
        return { problems: (err.problems ?? []).map((p) => ({ ...p, location: p.location && path.relative(dir, path.resolve(p.location)) })) };
      }
    }

    it('through a comment, a column type changed, a type error in an imported file and its fix', async () => {
      const project = temp();
      const write = (name: string, text: string) => fs.writeFileSync(path.join(project, 'schema', name), text);
      fs.mkdirSync(path.join(project, 'schema'));
      write('users.ts', users('c.text().notNull()'));
      write('orders.ts', orders);
      const steps: [string, () => void][] = [
        ['first run', () => undefined],
        ['a comment', () => write('orders.ts', `${orders}// a comment\n`)],
        ['a column type changed', () => write('users.ts', users('c.varchar(200).notNull()'))],
        ['a column removed that an importing file uses', () => write('users.ts', users('c.text()').replace('id: c.bigint().primaryKey(), ', ''))],
        ['fixed', () => write('users.ts', users('c.text()'))],
        ['a comment moving code down', () => write('users.ts', `// users\n\n${users('c.text()')}`)],
      ];
      for (const [name, edit] of steps) {
        edit();
        const cold = temp();
        fs.cpSync(path.join(project, 'schema'), path.join(cold, 'schema'), { recursive: true });
        expect(await plan(project), name).to.deep.equal(await plan(cold));
      }
      expect(await plan(project))
        .to.have.property('sql')
        .that.has.length.above(0);
    });
  });
}
