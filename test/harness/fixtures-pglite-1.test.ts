import { engine } from '../support/engines';
import { describeFixtures } from './fixture-run';

/** Part 1 of 2 of the fixture cases on PGlite (PostgreSQL 18); the harness is split so that a parallel run spreads it over its workers. */
const embedded = engine('pglite');
if (embedded) describeFixtures(embedded, { part: 1, of: 2 });
