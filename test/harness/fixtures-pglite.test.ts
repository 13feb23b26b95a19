import { engine } from '../support/engines';
import { describeFixtures } from './fixture-run';

/**
 * The fixture harness on PGlite (PostgreSQL 18), in a file of its own so that a parallel run gives it a worker
 * while fixtures-postgres.test.ts runs on another.
 */
const embedded = engine('pglite');
if (embedded) describeFixtures(embedded);
