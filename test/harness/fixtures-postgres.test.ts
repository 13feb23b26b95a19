import { engine } from '../support/engines';
import { describeFixtureMigrations, describeFixtures, type PlannedCases } from './fixture-run';

/**
 * The fixture harness on the PostgreSQL 15 server, then every fixture as a migration directory (on the server
 * only: the harness already covers both engines' planning). The migration test of a case reuses the catalogs
 * and plan its fixture test made. Not registered at all without the server (SCHEMAKIT_TEST_ENGINES=pglite).
 */
const server = engine('postgres');
if (server) {
  const planned: PlannedCases = new Map();
  describeFixtures(server, planned);
  describeFixtureMigrations(server, planned);
}
