import { engine } from '../support/engines';
import { describeFixtureMigrations, describeFixtures, type PlannedCases } from './fixture-run';

/**
 * Part 1 of 2 of the fixture cases on the PostgreSQL 15 server (the harness is split so that a parallel run
 * spreads it over its workers): the fixture harness, then every case as a migration directory (on the server
 * only: the harness already covers both engines' planning), which reuses the catalogs and plan its fixture test
 * made. Not registered at all without the server (SCHEMAKIT_TEST_ENGINES=pglite).
 */
const server = engine('postgres');
if (server) {
  const planned: PlannedCases = new Map();
  describeFixtures(server, { part: 1, of: 2 }, planned);
  describeFixtureMigrations(server, { part: 1, of: 2 }, planned);
}
