/**
 * Test-only preload for spawned CLI runs (`node --require dist/test/support/pause-at.js`, see pauseAt() in
 * test/cli/run-cli.ts): with
 * SCHEMAKIT_TEST_PAUSE_AT=`[VERSION:]N` the process stops before statement N of a migration (N = statements + 1:
 * just before its COMMIT), printing a line on stderr, so a test can kill it there; `[VERSION:]batch:B` stops it
 * inside batch B of a batched statement, after its statement ran, before it commits.
 *
 * It wraps migrateUp and migrateDown of the migration runner with the runner's own hooks (beforeStatement,
 * inBatch), so the product code carries no test hook: the CLI and the library are the ones users run.
 */
import type { ScriptHooks } from '../../src/migrate';
import type * as RunMigrations from '../../src/migrate/run-migrations';

/** Blocks forever (the test kills the process). */
const forever = () => new Promise<never>(() => setInterval(() => undefined, 1 << 30));

const say = (line: string) => process.stderr.write(`${line}\n`);

/** The hooks that pause where `spec` says. */
function pauseHooks(spec: string): ScriptHooks {
  const [, batchVersion, batch] = /^(?:(\d+):)?batch:(\d+)$/.exec(spec) ?? [];
  if (batch !== undefined) {
    return {
      inBatch: async (where, b) => {
        if (String(b) !== batch || (batchVersion !== undefined && !where.includes(batchVersion))) return;
        say(`schemakit-test: paused in batch ${b} of ${where}`);
        await forever();
      },
    };
  }
  const [version, n] = spec.includes(':') ? spec.split(':') : [undefined, spec];
  return {
    beforeStatement: async (file, i) => {
      if (String(i) !== n || (version !== undefined && !file.includes(version))) return;
      say(`schemakit-test: paused before statement ${i} of ${file}`);
      await forever();
    },
  };
}

const spec = process.env.SCHEMAKIT_TEST_PAUSE_AT;
if (spec) {
  // The compiled runner's exports are plain properties read at each call, so replacing them here reaches the CLI.
  const runner = require('../../src/migrate/run-migrations') as { -readonly [K in keyof typeof RunMigrations]: (typeof RunMigrations)[K] };
  const hooks = pauseHooks(spec);
  const { migrateUp, migrateDown } = runner;
  runner.migrateUp = (db, files, options = {}) => migrateUp(db, files, { ...options, ...hooks });
  runner.migrateDown = (db, options = {}) => migrateDown(db, { ...options, ...hooks });
}
