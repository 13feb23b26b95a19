export type { Db, EngineKind } from './types';
export { connectPostgres, redactUrl } from './postgres';
export { openPglite, type PgliteOpenOptions } from './pglite';
export { acquirePglite, closePglitePool } from './pglite-pool';
export { withTransaction, inTransaction } from './transaction';
export { createScratch, type Scratch } from './scratch';
export { resetDatabase } from './reset';
export {
  createTempDatabase,
  dropDatabase,
  withPostgresDatabase,
  defaultAdminUrl,
  urlForDatabase,
  uniqueDatabaseName,
  type TempDatabase,
} from './temp-database';
export { DbQueryError, wrapQueryError, type PgErrorFields } from './errors';
